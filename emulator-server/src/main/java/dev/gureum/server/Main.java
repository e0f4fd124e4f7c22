package dev.gureum.server;

/** {@code java -jar gureum.jar [serve] [options]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(GureumCommand.execute(args));
    }
}
