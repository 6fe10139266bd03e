import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the server's executable jar for Linux x86-64, run as a source-file program:
 * {@code java SlimServerJar.java [--keep-deflate] <in> <out>} ({@code out} may be {@code in}). Used by
 * jlink/build-image.sh for the runtime image and by server/production for the production jar.
 * <ul>
 * <li>native libraries and programs built for other systems are left out of the nested libraries
 * (embedded-redis ships redis-server for six platforms, zstd-jni, snappy and lz4 their JNI libraries for
 * twenty): the image and the guide's hosts are Linux x86-64;</li>
 * <li>unless {@code --keep-deflate}, the nested libraries' entries are stored instead of deflated. Deflate
 * streams are what a package's xz cannot compress: stored, the whole jar compresses about twice as well in
 * the .deb (BENCHMARKS.md, "Desktop package"), at the price of a larger installed jar, and classes load
 * without inflating. The production jar, copied to hosts as it is, keeps them deflated.</li>
 * </ul>
 * Signed libraries are copied byte for byte. Entry names, order and times are kept, so the class path
 * index and the loader see the same jar.
 */
public final class SlimServerJar {

    public static void main(String[] args) throws IOException {
        boolean keepDeflate = args.length == 3 && args[0].equals("--keep-deflate");
        if (args.length != (keepDeflate ? 3 : 2)) {
            System.err.println("usage: java SlimServerJar.java [--keep-deflate] <server.jar> <out.jar>");
            System.exit(2);
        }
        Path in = Path.of(args[args.length - 2]);
        Path out = Path.of(args[args.length - 1]);
        long before = Files.size(in);
        Path written = out.resolveSibling(out.getFileName() + ".tmp");
        int[] dropped = {0};
        try (ZipFile jar = new ZipFile(in.toFile());
             ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(written))) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                byte[] content;
                try (InputStream data = jar.getInputStream(entry)) {
                    content = data.readAllBytes();
                }
                if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar") && !signed(content)) {
                    content = slim(content, keepDeflate, dropped);
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                if (entry.getMethod() == ZipEntry.STORED) {
                    stored(copy, content);
                }
                target.putNextEntry(copy);
                target.write(content);
                target.closeEntry();
            }
        }
        Files.move(written, out, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: %d MB -> %d MB, %d native files for other systems left out%n", out.getFileName(),
                before >> 20, Files.size(out) >> 20, dropped[0]);
    }

    /** The nested library without other systems' native files, its entries stored unless {@code keepDeflate}. */
    private static byte[] slim(byte[] library, boolean keepDeflate, int[] dropped) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(library.length * 3);
        try (ZipInputStream source = new ZipInputStream(new ByteArrayInputStream(library));
             ZipOutputStream target = new ZipOutputStream(buffer)) {
            for (ZipEntry entry; (entry = source.getNextEntry()) != null; ) {
                if (!entry.isDirectory() && forAnotherSystem(entry.getName())) {
                    dropped[0]++;
                    continue;
                }
                byte[] content = source.readAllBytes();
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                if (!keepDeflate) {
                    stored(copy, content);
                }
                target.putNextEntry(copy);
                target.write(content);
                target.closeEntry();
            }
        }
        return buffer.toByteArray();
    }

    /** A native library or program whose path names a system other than Linux x86-64. */
    static boolean forAnotherSystem(String name) {
        String path = name.toLowerCase(Locale.ROOT);
        String file = path.substring(path.lastIndexOf('/') + 1);
        boolean nativeFile = file.endsWith(".so") || file.endsWith(".dll") || file.endsWith(".dylib")
                || file.endsWith(".jnilib") || file.endsWith(".a") || file.endsWith(".exe")
                || file.startsWith("redis-server-");
        boolean linuxX64 = path.contains("linux") && !path.contains("android")
                && (path.contains("amd64") || path.contains("x86_64") || path.contains("x86-64"));
        return nativeFile && !linuxX64;
    }

    private static boolean signed(byte[] library) throws IOException {
        try (ZipInputStream source = new ZipInputStream(new ByteArrayInputStream(library))) {
            for (ZipEntry entry; (entry = source.getNextEntry()) != null; ) {
                String name = entry.getName().toUpperCase(Locale.ROOT);
                if (name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA")
                        || name.endsWith(".DSA") || name.endsWith(".EC"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void stored(ZipEntry entry, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
    }

    private SlimServerJar() {
    }
}
