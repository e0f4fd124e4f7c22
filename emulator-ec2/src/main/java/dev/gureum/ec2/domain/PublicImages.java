package dev.gureum.ec2.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The public images of every region: Amazon Linux 2023 and 2, Ubuntu 22.04 and 24.04, Debian, RHEL and
 * Windows Server, each with its real owner. An image's id is derived from its region and name.
 */
public final class PublicImages {

    private record Entry(String name, String ownerId, String ownerAlias, Image.Platform platform, String architecture,
                         String rootDevice, int volumeGiB, String volumeType, String bootMode, Instant created,
                         String description) {
    }

    private static final List<Entry> ENTRIES = load();

    private PublicImages() {
    }

    /** The public images of a region, built anew (their tags and states belong to that region's view). */
    public static List<Image> of(String region) {
        List<Image> images = new ArrayList<>(ENTRIES.size());
        for (Entry e : ENTRIES) {
            images.add(new Image(idOf(region, e.name), e.name, e.description, e.ownerId, e.ownerAlias, e.platform,
                    e.architecture, e.rootDevice, e.volumeGiB, e.volumeType, e.bootMode, e.created, true, null, true));
        }
        return images;
    }

    static String idOf(String region, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((region + "/" + name).getBytes(StandardCharsets.UTF_8));
            return "ami-0" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = PublicImages.class.getResourceAsStream("public-images.tsv")) {
            if (in == null) {
                throw new IllegalStateException("Missing resource public-images.tsv");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                entries.add(new Entry(f[0], f[1], f[2].isEmpty() ? null : f[2],
                        Image.Platform.valueOf(f[3].toUpperCase(java.util.Locale.ROOT)), f[4], f[5],
                        Integer.parseInt(f[6]), f[7], f[8], Instant.parse(f[9]), f[10]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(entries);
    }
}
