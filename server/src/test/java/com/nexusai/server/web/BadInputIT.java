package com.nexusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nexusai.server.support.EmbeddedServerTest;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.OllamaStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of the API, found from the request mappings (a new endpoint is covered without
 * editing this test), called with the classes of bad input a hostile or careless client sends: control
 * characters and overlong text in each path variable, query parameter and body field, enums by number,
 * lists holding null, wrong types, broken JSON, other media types, broken multipart. None may answer
 * 5xx or hang; every 4xx is problem JSON without a stack trace, a class name or SQL, and echoes no
 * markup; a refused text field is named.
 */
class BadInputIT extends EmbeddedServerTest {

    private static final List<String> BAD_SEGMENTS = List.of("%00", "a%00b", "%01x", "%7F", "%C2%85", "%FF%FE",
            "%ZZ", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "-1", "99999999999999999999",
            "1e400", "a".repeat(3000), "%E2%80%AE");
    /** Values every endpoint must refuse: what an endpoint that does real work when called right gets. */
    private static final List<String> REFUSED_SEGMENTS = List.of("%00", "a%00b", "%01x", "%7F", "%C2%85", "%FF%FE", "%ZZ",
            "a".repeat(3000));
    /** Endpoints whose valid call is heavy (a heap dump pauses the JVM): fuzzed with refused values only. */
    private static final Set<String> HEAVY = Set.of("GET /api/diagnostics/heap");
    private static final List<Object> BAD_TEXTS = List.of("nul\u0000inside", "bell\u0007", "\u0085next-line",
            "é".repeat(20_000), "<script>alert(1)</script>", 12, true, List.of("x"), Map.of("a", 1));
    private static final List<Object> BAD_NUMBERS = List.of("twelve", new java.math.BigDecimal("1e400"), -1, Long.MAX_VALUE, "1\u0000", List.of(1));
    private static final List<Object> BAD_ENUMS = List.of(1, 0, "NOT_A_VALUE", "", "nul\u0000", List.of());
    private static final List<Object> BAD_LISTS = List.of("not-a-list", 7, Map.of());
    private static final List<String> BAD_JSON = List.of("", "{", "[]", "\"text\"", "12", "{\"a\":}", "{".repeat(2000),
            "{\"x\":\"" + "y".repeat(70_000) + "\"}", "\u0000{}", "{\"a\":1}{\"b\":2}");
    private static final Map<String, String> OTHER_MEDIA_TYPES = Map.of(
            "application/xml", "<request><username>admin</username></request>",
            "application/yaml", "username: admin",
            "text/plain", "hello",
            "application/x-www-form-urlencoded", "username=admin&password=x",
            "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc",
            "x/y; ===; \u0001", "{}",
            "application/json; charset=" + "x".repeat(4000), "{}");
    private static final Pattern LEAKS = Pattern.compile(
            "Exception|java\\.|org\\.|tools\\.jackson|com\\.nexusai|SQL|PSQL|syntax error at|<html|<script|\\tat ",
            Pattern.CASE_INSENSITIVE);

    static OllamaStandIn ollama;

    /** A healthy model server, so that a 503 can only mean the server's own fault here. */
    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) throws Exception {
        ollama = OllamaStandIn.start(List.of("llama3:latest"));
        registry.add("nexusai.ai.ollama.base-url", () -> ollama.baseUrl().toString());
    }

    @AfterAll
    static void stopOllama() {
        ollama.close();
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    @Test
    void everyEndpointAnswersBadInputWithAProblemAndNoServerError() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found from the request mappings").hasSizeGreaterThan(40);
        for (Endpoint endpoint : endpoints) {
            badPathVariables(endpoint);
            badQueryParameters(endpoint);
            if (endpoint.body() != null) {
                badBodyFields(endpoint);
                badJson(endpoint);
            }
            if (!endpoint.method().equals("GET") && !endpoint.method().equals("DELETE")) {
                otherMediaTypes(endpoint);
            }
        }
        assertThat(failures).as("answers that are not a clean 4xx problem (of %s calls by status %s)",
                statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses).isEmpty();
        assertThat(statuses.getOrDefault(400, 0)).as("bad input refused with 400").isGreaterThan(500);
        assertThat(http.get("/api/users/me", admin).statusCode()).as("the admin's session survived the run").isEqualTo(200);
        assertThat(Http.json(http.get("/api/admin/audit?type=HEAP_DUMP", admin)).size()).as("no heap dump was taken").isZero();
    }

    @Test
    void theContainersOwnRefusalsAreProblemJson() throws Exception {
        String hugeHeader = "x".repeat(20_000);
        HttpResponse<String> tooLarge = http.send(http.request("/api/users/me", admin).header("X-Big", hugeHeader).GET());
        assertProblem("oversized header", tooLarge.statusCode(), tooLarge.headers().firstValue("Content-Type").orElse(""),
                tooLarge.body());

        for (String requestLine : List.of("GET /api/users/me HTTP/1.1 extra", "GET /api/\u0001 HTTP/1.1", "BREW / HTCPCP/1.0",
                "GET /api/users/%00 HTTP/1.1", "GET /api/users/me?x=%ZZ HTTP/1.1")) {
            String raw = raw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(raw.substring(9, 12));
            String type = header(raw, "Content-Type");
            String body = raw.contains("\r\n\r\n") ? raw.substring(raw.indexOf("\r\n\r\n") + 4) : "";
            assertProblem(requestLine, status, type, body);
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Eight anonymous 50 MB bodies of several types, with a length and chunked, to the sign-in: each refused
     * (413 or 415) while the client is still sending, so the server never reads them; its resident memory
     * (this JVM: the server runs in it) stays within 100 MiB of where it was.
     */
    @Test
    void hostileInputIsRefusedInTheLanguageTheClientAsksFor() throws Exception {
        assertThat(french(http.request("/api/incidents?status=%00", admin).GET()))
                .isEqualTo("status : contient un caractère de contrôle (U+0000) en position 0");
        assertThat(french(http.request("/api/incidents?limit=%FF%FE", admin).GET()))
                .isEqualTo("limit : encodage URL non valide (texte UTF-8 attendu)");
        assertThat(french(http.request("/api/incidents?limit=" + "9".repeat(RequestTextFilter.MAX_PARAMETER_LENGTH + 1), admin).GET()))
                .isEqualTo("limit : " + RequestTextFilter.MAX_PARAMETER_LENGTH + " caractères au plus");
        assertThat(french(http.request("/api/incidents/a%07b", admin).GET()))
                .isEqualTo("path : contient un caractère de contrôle (U+0007) en position 16");
        assertThat(french(http.request("/api/incidents", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"bell\\u0007\",\"severity\":\"critical\"}"))))
                .isEqualTo("title : contient un caractère de contrôle (U+0007) en position 4");
        assertThat(french(http.request("/api/incidents", admin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))))
                .isEqualTo("Content-Type : ce point d’accès attend application/json");
        assertThat(french(http.request("/api/incidents", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + "x".repeat(70_000) + "\"}"))))
                .isEqualTo("Le corps de la requête dépasse ce qu’accepte ce point d’accès : 65536 octets au plus");

        assertThat(french(http.request("/api/admin/contacts", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("role", "DBA", "email", "dba@nexusai.fr", "days", "weekdays",
                        "startTime", "09:00", "endTime", "18:00", "levels", List.of(2), "kinds", List.of("database")))))))
                .startsWith("days : de la forme MON-FRI");

        HttpResponse<String> english = http.get("/api/incidents?status=%00", admin);
        assertThat(Http.json(english).path("detail").asString()).as("no Accept-Language: English")
                .isEqualTo("status: contains a control character (U+0000) at position 0");
        assertThat(english.headers().firstValue("Content-Language")).hasValue("en");
    }

    /** The request asked in French: its 4xx problem's detail, said in French. */
    private String french(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> answer = http.send(request.header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5"));
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Language")).as(answer.body()).hasValue("fr");
        return Http.json(answer).path("detail").asString();
    }

    @Test
    void anonymousHugeBodiesAreRefusedBeforeBeingRead() throws Exception {
        long before = residentBytes();
        int sentMiB = 0;
        for (String type : List.of("application/json", "application/xml", "application/yaml", "text/plain")) {
            for (boolean chunked : List.of(false, true)) {
                Refusal refusal = sendHuge("/api/auth/login", type, chunked, 50L << 20);
                assertThat(refusal.status()).as(type + (chunked ? " chunked" : " with a length")).isIn(413, 415);
                assertThat(refusal.bodySent()).as("the server stopped reading: the client could not send it all").isLessThan(50L << 20);
                sentMiB += (int) (refusal.bodySent() >> 20);
            }
        }
        long grown = residentBytes() - before;
        System.out.printf("8 anonymous 50 MB bodies: %d MiB actually sent before the refusals, resident memory %+d MiB%n",
                sentMiB, grown >> 20);
        assertThat(grown).as("resident memory growth").isLessThan(100L << 20);
    }

    private record Refusal(int status, long bodySent) {
    }

    /** Sends headers then a body of {@code size} zeros; the status the server answered, and how much was written before it closed. */
    private Refusal sendHuge(String path, String type, boolean chunked, long size) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            // a JSON text that stays valid for as long as it is read: only the size limit can stop it
            byte[] rest = new byte[64 * 1024];
            java.util.Arrays.fill(rest, (byte) 'a');
            byte[] first = rest.clone();
            byte[] start = "{\"password\":\"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(start, 0, first, 0, start.length);
            long sent = 0;
            int[] status = {-1};
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    byte[] line = socket.getInputStream().readNBytes(12);
                    status[0] = Integer.parseInt(new String(line, StandardCharsets.US_ASCII).substring(9, 12));
                } catch (Exception e) {
                    status[0] = 0;
                }
            });
            try {
                while (sent < size) {
                    if (chunked) {
                        out.write((Integer.toHexString(rest.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(sent == 0 ? first : rest);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    sent += rest.length;
                }
            } catch (java.io.IOException closedByTheServer) {
                // expected: the server answered and closed the connection without reading the rest
            }
            reader.join(15_000);
            return new Refusal(status[0], sent);
        }
    }

    private static long residentBytes() throws Exception {
        System.gc();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void brokenUploadsAreRefusedWithTheFieldNamed() throws Exception {
        List<HttpRequest.Builder> uploads = List.of(
                http.request("/api/files", admin).header("Content-Type", "multipart/form-data")
                        .POST(HttpRequest.BodyPublishers.ofString("--x\r\nabc")),
                http.request("/api/files", admin).header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc")),
                http.request("/api/files?name=a.txt", admin).header("Content-Type", "text/plain; " + "a=b; ".repeat(2000))
                        .POST(HttpRequest.BodyPublishers.ofString("hello")),
                http.request("/api/files?name=a.txt", admin).header("Content-Type", "no-slash-here")
                        .POST(HttpRequest.BodyPublishers.ofString("hello")),
                http.request("/api/files?name=a.txt", admin).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("a=b")),
                http.request("/api/files?name=a%00b.txt", admin).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello")),
                http.request("/api/files", admin).header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b\"\r\n\r\nabc\r\n--x--\r\n")));
        for (HttpRequest.Builder upload : uploads) {
            HttpResponse<String> response = http.send(upload);
            check("upload", response);
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        }
        assertThat(failures).isEmpty();
    }

    private void badPathVariables(Endpoint endpoint) throws Exception {
        for (String variable : endpoint.pathVariables().keySet()) {
            for (String bad : BAD_SEGMENTS) {
                Map<String, String> values = new LinkedHashMap<>(endpoint.goodPathValues());
                values.put(variable, bad);
                call(endpoint, endpoint.path(values), endpoint.body() == null ? null : "{}", "application/json", null);
            }
        }
    }

    private void badQueryParameters(Endpoint endpoint) throws Exception {
        for (String parameter : endpoint.queryParameters()) {
            for (String bad : HEAVY.contains(endpoint.method() + " " + endpoint.pattern()) ? REFUSED_SEGMENTS : BAD_SEGMENTS) {
                String query = "?" + parameter + "=" + bad;
                String expected = bad.contains("%00") || bad.contains("%01") || bad.contains("%7F") || bad.contains("%C2%85")
                        ? parameter : null;
                call(endpoint, endpoint.path(endpoint.goodPathValues()) + query, null, null, expected);
            }
        }
    }

    private void badBodyFields(Endpoint endpoint) throws Exception {
        Class<?> type = endpoint.body().getParameterType();
        if (!type.isRecord()) {
            return;
        }
        Map<String, Object> good = goodRecord(type);
        for (RecordComponent component : type.getRecordComponents()) {
            for (Object bad : badValuesFor(component.getType())) {
                Map<String, Object> body = new LinkedHashMap<>(good);
                body.put(component.getName(), bad);
                boolean control = bad instanceof String text && text.chars().anyMatch(c -> c < 0x20 || c == 0x85);
                call(endpoint, endpoint.path(endpoint.goodPathValues()), Http.toJson(body), "application/json",
                        control ? component.getName() : null);
            }
            Map<String, Object> withNull = new LinkedHashMap<>(good);
            withNull.put(component.getName(), null);
            call(endpoint, endpoint.path(endpoint.goodPathValues()), Http.toJson(withNull), "application/json", null);
            if (Collection.class.isAssignableFrom(component.getType())) {
                Map<String, Object> nullInside = new LinkedHashMap<>(good);
                nullInside.put(component.getName(), java.util.Arrays.asList((Object) null));
                call(endpoint, endpoint.path(endpoint.goodPathValues()), Http.toJson(nullInside), "application/json", null);
            }
        }
    }

    private void badJson(Endpoint endpoint) throws Exception {
        for (String body : BAD_JSON) {
            call(endpoint, endpoint.path(endpoint.goodPathValues()), body, "application/json", null);
        }
    }

    private void otherMediaTypes(Endpoint endpoint) throws Exception {
        for (Map.Entry<String, String> type : OTHER_MEDIA_TYPES.entrySet()) {
            if (endpoint.isUpload() && !type.getKey().contains("form")) {
                continue; // an upload takes any media type: its own cases are in brokenUploadsAreRefused...
            }
            call(endpoint, endpoint.path(endpoint.goodPathValues()), type.getValue(), type.getKey(), null);
        }
    }

    private void call(Endpoint endpoint, String path, String body, String contentType, String fieldToName) throws Exception {
        HttpRequest.Builder request;
        try {
            request = http.request(path, admin).timeout(java.time.Duration.ofSeconds(10));
        } catch (IllegalArgumentException notAUri) {
            return; // java.net.http refuses to send it at all
        }
        if (contentType != null) {
            try {
                request.header("Content-Type", contentType);
            } catch (IllegalArgumentException refusedHeader) {
                return;
            }
        }
        request.method(endpoint.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            response = http.send(request);
        } catch (java.net.http.HttpTimeoutException e) {
            failures.add(endpoint.method() + " " + path + " did not answer in 10 s");
            return;
        }
        String what = endpoint.method() + " " + abbreviate(path) + (body == null ? "" : " body " + abbreviate(body))
                + (contentType == null ? "" : " as " + abbreviate(contentType));
        check(what, response);
        if (fieldToName != null && response.statusCode() == 400 && !response.body().contains(fieldToName)) {
            failures.add(what + " -> 400 without naming " + fieldToName + ": " + abbreviate(response.body()));
        }
    }

    private void check(String what, HttpResponse<String> response) {
        statuses.merge(response.statusCode(), 1, Integer::sum);
        assertProblem(what, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private void assertProblem(String what, int status, String contentType, String body) {
        if (status >= 500) {
            failures.add(what + " -> " + status + ": " + abbreviate(body));
            return;
        }
        if (status < 400) {
            return;
        }
        if (!contentType.startsWith("application/problem+json")) {
            failures.add(what + " -> " + status + " as '" + contentType + "': " + abbreviate(body));
            return;
        }
        JsonNode problem = Http.json(body);
        if (problem.path("status").asInt() != status || problem.path("detail").asString().isBlank()) {
            failures.add(what + " -> " + status + " with a problem lacking status or detail: " + abbreviate(body));
        }
        Matcher leak = LEAKS.matcher(body);
        if (leak.find()) {
            failures.add(what + " -> " + status + " leaks '" + leak.group() + "': " + abbreviate(body));
        }
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 160 ? printable.substring(0, 160) + "..." : printable;
    }

    private static List<Object> badValuesFor(Class<?> type) {
        if (type == String.class) {
            return BAD_TEXTS;
        }
        if (type.isEnum()) {
            return BAD_ENUMS;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return BAD_LISTS;
        }
        if (type == boolean.class || type == Boolean.class) {
            return List.of("maybe", 2, "nul\u0000");
        }
        return BAD_NUMBERS;
    }

    /** A body whose fields each hold a plausible value, so that one bad field is what the server sees. */
    private static Map<String, Object> goodRecord(Class<?> type) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            body.put(component.getName(), goodValue(component.getType(), component.getGenericType()));
        }
        return body;
    }

    private static Object goodValue(Class<?> type, Type generic) {
        if (type == String.class) {
            return "plain-text";
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[type.getEnumConstants().length - 1].toString();
        }
        if (type == UUID.class) {
            return UUID.randomUUID().toString();
        }
        if (type == Instant.class) {
            return Instant.now().plusSeconds(3600).toString();
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return 1;
        }
        if (Collection.class.isAssignableFrom(type) && generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return List.of(goodValue(element, element));
        }
        if (type.isRecord()) {
            return goodRecord(type);
        }
        return null;
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(Endpoint.of(method.name(), pattern, mapping.getValue()));
                }
            }
        }
        return endpoints;
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String header(String raw, String name) {
        for (String line : raw.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    /** One method and path of the API, with what its handler reads. */
    private record Endpoint(String method, String pattern, Map<String, Class<?>> pathVariables, List<String> queryParameters,
            MethodParameter body, boolean isUpload) {

        static Endpoint of(String method, String pattern, HandlerMethod handler) {
            Map<String, Class<?>> variables = new LinkedHashMap<>();
            List<String> parameters = new ArrayList<>();
            MethodParameter body = null;
            boolean upload = false;
            Method java = handler.getMethod();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
                RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
                if (variable != null) {
                    String name = !variable.value().isEmpty() ? variable.value() : parameter.getParameterName();
                    variables.put(name, parameter.getParameterType());
                } else if (requestParam != null) {
                    if (MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
                        upload = true;
                        continue;
                    }
                    parameters.add(!requestParam.value().isEmpty() ? requestParam.value() : parameter.getParameterName());
                } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    body = parameter;
                } else if (parameter.getParameterType().getName().equals("jakarta.servlet.http.HttpServletRequest")
                        && method.equals("POST") && java.getName().startsWith("upload")) {
                    upload = true;
                }
            }
            return new Endpoint(method, pattern, variables, parameters, body, upload);
        }

        Map<String, String> goodPathValues() {
            Map<String, String> values = new LinkedHashMap<>();
            pathVariables.forEach((name, type) -> values.put(name,
                    type == UUID.class ? UUID.randomUUID().toString() : type == int.class || type == Integer.class ? "1" : "nobody-" + name));
            return values;
        }

        String path(Map<String, String> values) {
            String path = pattern;
            for (Map.Entry<String, String> value : values.entrySet()) {
                path = path.replaceAll("\\{" + Pattern.quote(value.getKey()) + "(:[^}]*)?}", Matcher.quoteReplacement(value.getValue()));
            }
            return path;
        }
    }
}
