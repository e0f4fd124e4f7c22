package dev.gureum.lambda.storage;

import dev.gureum.lambda.domain.StoredCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeStoreTest {

    final Path root = createRoot();
    final CodeStore store = new CodeStore(root);

    static Path createRoot() {
        try {
            return Files.createTempDirectory("code-store-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void clean() {
        CodeStore.deleteTree(root);
    }

    static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void storesByContentAndExtracts() throws Exception {
        byte[] bytes = zip(Map.of("a.py", "print(1)", "pkg/b.py", "x = 2"));
        StoredCode first = store.store(new ByteArrayInputStream(bytes));
        StoredCode again = store.store(new ByteArrayInputStream(bytes));
        assertThat(again.dir()).isEqualTo(first.dir());
        assertThat(first.size()).isEqualTo(bytes.length);
        assertThat(first.sha256()).hasSize(44);
        assertThat(Files.readString(first.dir().resolve("pkg/b.py"))).isEqualTo("x = 2");
        assertThat(Files.readAllBytes(first.zip())).isEqualTo(bytes);
        assertThat(first.unzippedSize()).isEqualTo(13);
        assertThat(again.unzippedSize()).isEqualTo(13);
    }

    @Test
    void keepsUnixModesFromTheArchive() throws Exception {
        Path zipFile = root.resolve("with-modes.zip");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zipFile.toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path bootstrap = fs.getPath("/bootstrap");
            Files.writeString(bootstrap, "#!/bin/sh\n");
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(fs.getPath("/data.txt"), "d");
            Files.setPosixFilePermissions(fs.getPath("/data.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        }
        StoredCode code = store.store(Files.newInputStream(zipFile));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(code.dir().resolve("bootstrap"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(code.dir().resolve("data.txt"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void refusesWhatIsNotAZipAndEntriesOutsideTheRoot() throws Exception {
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream("not a zip".getBytes())))
                .isInstanceOf(CodeStore.InvalidPackageException.class).hasMessageContaining("Could not unzip");
        byte[] escaping = zip(Map.of("../../evil.sh", "boom"));
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(escaping)))
                .isInstanceOf(CodeStore.InvalidPackageException.class);
        assertThat(root.getParent().resolve("evil.sh")).doesNotExist();
    }

    @Test
    void clearDeletesOnlyThePackagesItStored() throws Exception {
        StoredCode stored = store.store(new ByteArrayInputStream(zip(Map.of("a.py", "print(1)"))));
        Path mine = Files.writeString(root.resolve("zips").resolve("README.txt"), "the user's");
        Path myDir = Files.createDirectories(root.resolve("code").resolve("my-project"));
        Path myFile = Files.writeString(myDir.resolve("main.py"), "the user's too");
        Path beside = Files.writeString(root.resolve("notes.txt"), "beside");
        store.clear();
        assertThat(stored.zip()).doesNotExist();
        assertThat(stored.dir()).doesNotExist();
        assertThat(mine).exists();
        assertThat(myFile).exists();
        assertThat(beside).exists();
    }

    @Test
    void aPackageTravelsByItsKeyAndIsExtractedWhereItLands() throws Exception {
        byte[] bytes = zip(Map.of("app.py", "def handler(e, c): return 1", "lib/x.py", "x = 1"));
        StoredCode stored = store.store(new ByteArrayInputStream(bytes));
        byte[] exported;
        try (var in = store.open(stored.key())) {
            exported = in.readAllBytes();
        }
        assertThat(exported).isEqualTo(bytes);

        Path elsewhere = createRoot();
        try {
            CodeStore other = new CodeStore(elsewhere);
            other.store(stored.key(), new ByteArrayInputStream(exported));
            StoredCode landed = other.located(stored.key(), stored.sha256(), stored.size(), stored.unzippedSize());
            assertThat(Files.readAllBytes(landed.zip())).isEqualTo(bytes);
            assertThat(Files.readString(landed.dir().resolve("lib/x.py"))).isEqualTo("x = 1");
            // the same package again (a second load) changes nothing
            other.store(stored.key(), new ByteArrayInputStream(exported));
            assertThat(Files.readString(landed.dir().resolve("app.py"))).startsWith("def handler");
            assertThat(elsewhere.resolve("incoming")).isEmptyDirectory();
        } finally {
            CodeStore.deleteTree(elsewhere);
        }
    }

    @Test
    void aLoadedPackageMustBeTheBytesItsKeyNamesAndAUsablePackage() throws Exception {
        byte[] bytes = zip(Map.of("app.py", "print(1)"));
        String otherKey = "0".repeat(64);
        assertThatThrownBy(() -> store.store(otherKey, new ByteArrayInputStream(bytes)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("another SHA-256");
        assertThat(root.resolve("zips").resolve(otherKey + ".zip")).doesNotExist();
        assertThat(root.resolve("code").resolve(otherKey)).doesNotExist();

        byte[] notAZip = "not a zip".getBytes();
        String notAZipKey = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(notAZip));
        assertThatThrownBy(() -> store.store(notAZipKey, new ByteArrayInputStream(notAZip)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot be used");
        assertThat(root.resolve("zips").resolve(notAZipKey + ".zip")).doesNotExist();

        assertThatThrownBy(() -> store.store("../../evil", new ByteArrayInputStream(bytes)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not the content key");
        assertThatThrownBy(() -> store.open("../../evil")).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThatThrownBy(() -> store.open("1".repeat(64))).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(root.resolve("incoming")).isEmptyDirectory();
    }
}
