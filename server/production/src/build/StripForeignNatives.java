import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Removes from a Spring Boot jar's libraries the native code built for systems the server does not run on
 * (Windows, macOS, FreeBSD, AIX, and Linux on other processors than x86-64 and arm64): zstd-jni, snappy-java and
 * lz4-java carry one library per system. The nested jars stay STORED, as Spring Boot's loader needs.
 *
 * <p>Usage: {@code java StripForeignNatives.java <boot jar>}
 */
public final class StripForeignNatives {

    /** A native library's path, in the three layouts these jars use. */
    private static final Pattern NATIVE = Pattern.compile("(?i).*\\.(so|dll|dylib|jnilib|a)$");
    private static final Pattern KEPT = Pattern.compile("(?i).*/(linux/(amd64|x86_64|aarch64)|Linux/(x86_64|aarch64))/[^/]+$");
    private static final List<String> LIBRARIES = List.of("zstd-jni-", "snappy-java-", "lz4-java-");

    public static void main(String[] args) throws IOException {
        Path bootJar = Path.of(args[0]);
        long before = Files.size(bootJar);
        URI uri = URI.create("jar:" + bootJar.toUri());
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of("compressionMethod", "STORED"))) {
            try (var libs = Files.list(jar.getPath("/BOOT-INF/lib"))) {
                for (Path lib : libs.toList()) {
                    String name = lib.getFileName().toString();
                    if (LIBRARIES.stream().anyMatch(name::startsWith)) {
                        FileTime time = Files.getLastModifiedTime(lib);
                        byte[] stripped = strip(Files.readAllBytes(lib), name);
                        Files.write(lib, stripped);
                        Files.setLastModifiedTime(lib, time);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %.1f MB -> %.1f MB without other systems' native code%n",
                bootJar.getFileName(), before / 1e6, Files.size(bootJar) / 1e6);
    }

    private record Entry(ZipEntry entry, byte[] content) {
    }

    private static byte[] strip(byte[] library, String name) throws IOException {
        List<Entry> kept = new ArrayList<>();
        int removed = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(library))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (NATIVE.matcher("/" + entry.getName()).matches() && !KEPT.matcher("/" + entry.getName()).matches()) {
                    removed++;
                } else {
                    kept.add(new Entry(entry, in.readAllBytes()));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(library.length);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Entry file : kept) {
                String path = file.entry().getName();
                // a directory stays only while something is left in it
                if (file.entry().isDirectory() && kept.stream().noneMatch(e -> !e.entry().isDirectory()
                        && e.entry().getName().startsWith(path))) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(path);
                copy.setTime(file.entry().getTime());
                zip.putNextEntry(copy);
                zip.write(file.content());
                zip.closeEntry();
            }
        }
        System.out.printf(Locale.ROOT, "  %s: %d native libraries removed%n", name, removed);
        return out.toByteArray();
    }
}
