package dev.gureum.lambda.domain;

import java.nio.file.Path;

/**
 * A deployment package as stored: the .zip archive and where it is extracted. Packages are stored by
 * content, so functions, versions and layers with the same bytes share one copy.
 *
 * @param key    the hex SHA-256 of the archive, which names its files
 * @param sha256 the base64 SHA-256, as Lambda reports {@code CodeSha256}
 * @param size   the archive's size in bytes ({@code CodeSize})
 * @param unzippedSize the bytes of its files, extracted
 */
public record StoredCode(String key, String sha256, long size, Path zip, Path dir, long unzippedSize) {
}
