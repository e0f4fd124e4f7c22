package dev.gureum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Firefox ESR, driven over WebDriver BiDi, which Firefox speaks itself: it is started with
 * {@code --remote-debugging-port=0} and a new profile, and says in the profile's {@code WebDriverBiDiServer.json}
 * which port it listens on. No geckodriver and nothing downloaded. Where {@code /usr/bin/firefox-esr} is missing the
 * tests are skipped, unless {@code GUREUM_REQUIRE_BROWSER} is set (as the CI script sets it), where they fail.
 */
final class Firefox implements ConsolePage {

    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    /** The errors of an action on an element the page has just replaced or moved. */
    private static final java.util.Set<String> STALE = java.util.Set.of("no such node", "no such element",
            "stale element reference", "move target out of bounds");

    private final Process process;
    private final Path home;
    private final BiDi bidi;
    private final String context;
    private final String name;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<JsonNode> prompts = new CopyOnWriteArrayList<>();

    private Firefox(Process process, Path home, BiDi bidi, int width, int height) {
        this.process = process;
        this.home = home;
        this.bidi = bidi;
        ObjectNode capabilities = BiDi.params();
        // dialogs stay open until a test answers them
        capabilities.putObject("alwaysMatch").putObject("unhandledPromptBehavior").put("default", "ignore");
        ObjectNode newSession = BiDi.params();
        newSession.set("capabilities", capabilities);
        JsonNode session = bidi.send("session.new", newSession).path("capabilities");
        this.name = session.path("browserName").asText() + " " + session.path("browserVersion").asText();
        bidi.on("log.entryAdded", entry -> {
            if ("error".equals(entry.path("level").asText())) {
                JsonNode frame = entry.path("stackTrace").path("callFrames").path(0);
                errors.add(entry.path("type").asText() + ": " + entry.path("text").asText()
                        + (frame.isMissingNode() ? "" : " at " + frame.path("url").asText() + ":" + frame.path("lineNumber").asText()));
            }
        });
        bidi.on("browsingContext.userPromptOpened", prompts::add);
        ObjectNode subscribe = BiDi.params();
        subscribe.putArray("events").add("log.entryAdded").add("browsingContext.userPromptOpened");
        bidi.send("session.subscribe", subscribe);
        this.context = bidi.send("browsingContext.getTree", BiDi.params()).path("contexts").path(0).path("context").asText();
        ObjectNode viewport = BiDi.params().put("context", context);
        viewport.putObject("viewport").put("width", width).put("height", height);
        bidi.send("browsingContext.setViewport", viewport);
    }

    static Firefox open(int width, int height) {
        boolean present = Files.isExecutable(FIREFOX);
        if (!present && System.getenv("GUREUM_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("The console's Firefox tests need " + FIREFOX + " (apt-get install firefox-esr)");
        }
        Assumptions.assumeTrue(present, "The console's Firefox tests need " + FIREFOX + " (apt-get install firefox-esr); skipped");
        Path home = null;
        Process process = null;
        try {
            home = Files.createTempDirectory("gureum-firefox");
            Path profile = Files.createDirectory(home.resolve("profile"));
            // under remote control Firefox fires no beforeunload unless told to, as it does for its users: the
            // console listens to it
            Files.writeString(profile.resolve("user.js"), "user_pref(\"dom.disable_beforeunload\", false);\n");
            Path log = home.resolve("firefox.log");
            ProcessBuilder builder = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote",
                    "--profile", profile.toString(), "--remote-debugging-port=0",
                    "--window-size=" + width + "," + height, "about:blank")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
            process = builder.start();
            // Firefox is not left running should the tests' JVM end before close()
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            URI endpoint = endpoint(process, profile.resolve("WebDriverBiDiServer.json"), log);
            return new Firefox(process, home, BiDi.connect(endpoint), width, height);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            delete(home);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The BiDi address Firefox writes in its profile once it listens. */
    private static URI endpoint(Process process, Path announced, Path log) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Firefox ended (" + process.exitValue() + "): " + Files.readString(log));
            }
            if (Files.exists(announced)) {
                try {
                    JsonNode server = BiDi.JSON.readTree(announced.toFile());
                    if (server.path("ws_port").asInt() > 0) {
                        return URI.create("ws://" + server.path("ws_host").asText("127.0.0.1") + ":"
                                + server.path("ws_port").asInt() + "/session");
                    }
                } catch (IOException e) {
                    // being written: read again
                }
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Firefox did not listen for WebDriver BiDi within 60 s: " + Files.readString(log));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void go(String url) {
        bidi.send("browsingContext.navigate", BiDi.params().put("context", context).put("url", url).put("wait", "complete"));
    }

    @Override
    public Object script(String js, Object... args) {
        JsonNode result = call("function() {\n" + js + "\n}", args);
        return toJava(result);
    }

    private JsonNode call(String function, Object... args) {
        ObjectNode params = BiDi.params().put("functionDeclaration", function).put("awaitPromise", true)
                .put("resultOwnership", "none");
        params.putObject("target").put("context", context);
        ArrayNode arguments = params.putArray("arguments");
        for (Object arg : args) {
            arguments.add(local(arg));
        }
        JsonNode answer = bidi.send("script.callFunction", params);
        if ("exception".equals(answer.path("type").asText())) {
            JsonNode details = answer.path("exceptionDetails");
            throw new IllegalStateException("The script failed: " + details.path("text").asText() + " in " + function);
        }
        return answer.path("result");
    }

    private static ObjectNode local(Object value) {
        ObjectNode node = BiDi.params();
        if (value == null) {
            return node.put("type", "null");
        } else if (value instanceof String s) {
            return node.put("type", "string").put("value", s);
        } else if (value instanceof Boolean b) {
            return node.put("type", "boolean").put("value", b);
        } else if (value instanceof Number n) {
            return node.put("type", "number").put("value", n.doubleValue());
        }
        throw new IllegalArgumentException("Not an argument a script takes here: " + value);
    }

    /** A BiDi RemoteValue as Java: strings, numbers, booleans, lists, maps and null; a node stays as BiDi gave it. */
    private static Object toJava(JsonNode remote) {
        JsonNode value = remote.path("value");
        switch (remote.path("type").asText()) {
            case "undefined", "null":
                return null;
            case "string", "bigint":
                return value.asText();
            case "boolean":
                return value.asBoolean();
            case "number":
                // NaN, -0, Infinity and -Infinity come as strings
                return value.isNumber() ? (Object) value.numberValue() : Double.valueOf(value.asText());
            case "array":
                List<Object> list = new ArrayList<>();
                value.forEach(v -> list.add(toJava(v)));
                return list;
            case "object":
                Map<String, Object> map = new LinkedHashMap<>();
                value.forEach(pair -> map.put(pair.get(0).isTextual() ? pair.get(0).asText() : String.valueOf(toJava(pair.get(0))),
                        toJava(pair.get(1))));
                return map;
            default:
                return remote;
        }
    }

    /** The shown element the selector matches, scrolled to the middle of the view. */
    private JsonNode element(String css) {
        shown(css);
        JsonNode found = call("function(css) { const e = document.querySelector(css); if (e === null) return null;"
                + " e.scrollIntoView({block: 'center', inline: 'center'}); return e; }", css);
        if (!"node".equals(found.path("type").asText())) {
            throw new IllegalStateException("No element " + css);
        }
        return found;
    }

    @Override
    public void click(String css) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                ObjectNode target = BiDi.params();
                target.set("element", BiDi.params().put("sharedId", element(css).path("sharedId").asText()));
                target.put("type", "element");
                ObjectNode pointer = source("pointer", "mouse");
                pointer.putObject("parameters").put("pointerType", "mouse");
                ArrayNode steps = pointer.putArray("actions");
                steps.addObject().put("type", "pointerMove").put("x", 0).put("y", 0).set("origin", target);
                steps.addObject().put("type", "pointerDown").put("button", 0);
                steps.addObject().put("type", "pointerUp").put("button", 0);
                perform(pointer);
                return;
            } catch (BiDi.BiDiException e) {
                // redrawn meanwhile: the element is found again
                if (System.nanoTime() > end || !STALE.contains(e.error)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void press(String css, String... keys) {
        element(css);
        script("document.querySelector(arguments[0]).focus()", css);
        ObjectNode keyboard = source("key", "keyboard");
        ArrayNode steps = keyboard.putArray("actions");
        for (String key : keys) {
            steps.addObject().put("type", "keyDown").put("value", key);
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            steps.addObject().put("type", "keyUp").put("value", keys[i]);
        }
        perform(keyboard);
    }

    private static ObjectNode source(String type, String id) {
        return BiDi.params().put("type", type).put("id", id);
    }

    /**
     * Performs the actions; returns when the browser has or when they opened a dialog (which holds the page, and
     * with it the actions' answer, until {@link #acceptConfirm} answers it).
     */
    private void perform(ObjectNode source) {
        ObjectNode params = BiDi.params().put("context", context);
        params.putArray("actions").add(source);
        int promptsBefore = prompts.size();
        CompletableFuture<JsonNode> done = bidi.sendAsync("input.performActions", params);
        long end = System.nanoTime() + WAIT.toNanos();
        while (!done.isDone() && prompts.size() == promptsBefore) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("The actions did not end within " + WAIT);
            }
            try {
                done.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // neither yet
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (done.isCompletedExceptionally()) {
            done.join();
        }
    }

    @Override
    public void acceptConfirm() {
        long end = System.nanoTime() + WAIT.toNanos();
        while (prompts.isEmpty()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("No dialog opened within " + WAIT);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        JsonNode prompt = prompts.remove(0);
        if (!"confirm".equals(prompt.path("type").asText())) {
            throw new AssertionError("A " + prompt.path("type").asText() + " dialog opened, not a confirm: " + prompt);
        }
        bidi.send("browsingContext.handleUserPrompt", BiDi.params().put("context", prompt.path("context").asText())
                .put("accept", true));
    }

    @Override
    public byte[] png() {
        return Base64.getDecoder().decode(bidi.send("browsingContext.captureScreenshot",
                BiDi.params().put("context", context)).path("data").asText());
    }

    @Override
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        try {
            bidi.send("browser.close", BiDi.params());
        } catch (RuntimeException e) {
            // ends below regardless
        }
        bidi.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(home);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory
        }
    }
}
