package com.nexusai.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.auth.Role;
import com.nexusai.server.web.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/files}. Upload as multipart (field {@code file}; the servlet container spools it to a
 * temporary file, never to memory) or as the raw request body with {@code ?name=} (streamed straight
 * to the store: the way for large files). Download supports a single {@code Range}.
 */
@Tag(name = "Files")
@RestController
@RequestMapping("/api/files")
class FileController {

    private final FileStore files;
    private final DownloadLinks links;

    FileController(FileStore files, DownloadLinks links) {
        this.files = files;
        this.links = links;
    }

    @Operation(summary = "Uploads a file as multipart form data")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StoredFile> uploadMultipart(@RequestParam("file") MultipartFile file, Authentication user) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return created(files.upload(user.getName(), file.getOriginalFilename(), file.getContentType(), in, file.getSize()));
        }
    }

    @Operation(summary = "Uploads a file as the request body")
    @PostMapping
    ResponseEntity<StoredFile> uploadBody(@RequestParam(required = false) String name, HttpServletRequest request,
            Authentication user) throws IOException {
        if (name == null || name.isBlank()) {
            throw new BadRequestException(ProblemText.of("file.name"));
        }
        try (InputStream in = request.getInputStream()) {
            return created(files.upload(user.getName(), name, request.getContentType(), in, request.getContentLengthLong()));
        }
    }

    @Operation(summary = "Lists the caller's files")
    @GetMapping
    FileStore.Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String name, @RequestParam(required = false) String contentType,
            @RequestParam(required = false) String owner, Authentication user) {
        if (page < 0 || size < 1 || size > 500) {
            throw new BadRequestException(ProblemText.of("page.range", 500));
        }
        return files.list(user.getName(), Role.ADMIN.heldBy(user), owner, name, contentType, page, size);
    }

    @Operation(summary = "Reads a file's metadata")
    @GetMapping("/{id}")
    StoredFile metadata(@PathVariable UUID id, Authentication user) {
        return files.get(id, user.getName(), Role.ADMIN.heldBy(user));
    }

    @Operation(summary = "Downloads a file (one Range supported), or redirects to the store with a presigned URL "
            + "when nexusai.storage.presigned-downloads.enabled is set")
    @GetMapping("/{id}/content")
    ResponseEntity<StreamingResponseBody> download(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range, Authentication user) {
        StoredFile file = files.get(id, user.getName(), Role.ADMIN.heldBy(user));
        if (links.enabled()) {
            // 307: the client repeats the same GET, its Range included, on the store
            return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT).location(links.link(file))
                    .cacheControl(CacheControl.noStore())
                    .header("X-Content-SHA256", file.sha256())
                    .build();
        }
        ByteRange wanted = ByteRange.parse(range, file.size());
        if (wanted.unsatisfiable()) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size()).build();
        }
        FileStore.Download download = files.open(file, wanted.offset(), wanted.length());
        StreamingResponseBody body = out -> {
            try (InputStream in = download.body()) {
                in.transferTo(out);
            }
        };
        ResponseEntity.BodyBuilder response = ResponseEntity.status(wanted.partial() ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(wanted.length())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header("X-Content-SHA256", file.sha256())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.name(), java.nio.charset.StandardCharsets.UTF_8).build().toString());
        if (wanted.partial()) {
            response.header(HttpHeaders.CONTENT_RANGE,
                    "bytes " + wanted.offset() + "-" + (wanted.offset() + wanted.length() - 1) + "/" + file.size());
        }
        return response.body(body);
    }

    @Operation(summary = "Deletes a file")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Authentication user) {
        files.delete(id, user.getName(), Role.ADMIN.heldBy(user));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<StoredFile> created(StoredFile file) {
        return ResponseEntity.created(URI.create("/api/files/" + file.id())).body(file);
    }
}
