package dev.gureum.ec2.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which instances would be running their user data now: the running ones whose user data is a script
 * ({@code #!} on its first line), as cloud-init runs it at each boot. Read under the world's lock.
 */
public final class UserDataScripts {

    /**
     * One instance's script.
     *
     * @param boot     when the instance last started: a new boot runs the script anew
     * @param instance the instance, which collects the script's output for its console
     */
    public record Script(String account, String region, String instanceId, Instant boot, byte[] script,
                         Instance instance) {
    }

    /** The scripts to run now, and when the next transition (a boot, a stop) comes due, or {@code null}. */
    public record Plan(List<Script> scripts, Instant nextTransition) {
    }

    private UserDataScripts() {
    }

    /** The plan as the world stands, read without a comparison with the journal unless a transition came due. */
    public static Plan now(Ec2World world) {
        return InstanceMetadataService.read(() -> world.reading(() -> world.global(UserDataScripts::of)));
    }

    public static Plan of(Ec2World world) {
        List<Script> scripts = new ArrayList<>();
        Instant next = null;
        for (Instance i : world.instancesById().values()) {
            if (i.transitionEnds() != null && (next == null || i.transitionEnds().isBefore(next))) {
                next = i.transitionEnds();
            }
            if (i.state() == InstanceState.RUNNING && isScript(i.userData())) {
                scripts.add(new Script(i.ownerId(), i.region(), i.id(), i.launchTime(), i.userData(), i));
            }
        }
        return new Plan(scripts, next);
    }

    static boolean isScript(byte[] userData) {
        return userData != null && userData.length > 2
                && new String(userData, 0, 2, StandardCharsets.US_ASCII).equals("#!");
    }
}
