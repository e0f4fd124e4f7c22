package dev.gureum.server.console;

import java.time.Duration;
import java.util.List;

/**
 * A browser showing the console, as the scenarios of {@link ConsoleScenarios} drive it in every browser: Chromium
 * through Selenium and chromedriver ({@link Browser}), Firefox over WebDriver BiDi ({@link Firefox}). Scripts are
 * function bodies that {@code return} their value and read their arguments as {@code arguments[i]}; clicks and
 * keys are the browser's own input events.
 */
interface ConsolePage extends AutoCloseable {

    Duration WAIT = Duration.ofSeconds(20);

    /** The browser's name and version. */
    String name();

    /** Opens the address and waits until the page has loaded. */
    void go(String url);

    /** Runs the script in the page and returns its value (strings, numbers, booleans, lists, maps or null). */
    Object script(String js, Object... args);

    /** Clicks the middle of the first element the selector matches, once it is shown. */
    void click(String css);

    /**
     * Focuses the first element the selector matches and presses the keys together, as a chord: WebDriver's keys,
     * such as "\uE014" for the right arrow or "\uE00A" for Alt, and characters.
     */
    void press(String css, String... keys);

    /** Accepts the {@code confirm()} dialog that is open or about to open. */
    void acceptConfirm();

    /** A picture of the page as it is shown, in PNG. */
    byte[] png();

    /** The JavaScript errors and console errors of the pages shown since the browser opened. */
    List<String> errors();

    @Override
    void close();

    /** Waits until the script returns a truthy value; on time out says what the page showed. */
    default void waitUntil(String js, Object... args) {
        waitUntil(js + " " + java.util.Arrays.asList(args), () -> {
            Object value = script(js, args);
            return value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
                    && !(value instanceof Number n && n.doubleValue() == 0);
        });
    }

    /** Waits until the condition holds; on time out says what the page showed. */
    default void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            pause();
        }
        throw new AssertionError("Waited in vain for " + what + "; the page showed: " + showing(), last);
    }

    /** Waits until an element the selector matches is shown. */
    default void shown(String css) {
        waitUntil("const e = document.querySelector(arguments[0]); return e !== null && e.getClientRects().length > 0", css);
    }

    default void waitUntilGone(String css) {
        waitUntil("return document.querySelector(arguments[0]) === null", css);
    }

    /** Waits until the shown text of the element is {@code text}. */
    default void waitForText(String css, String text) {
        waitUntil("const e = document.querySelector(arguments[0]); return e !== null && e.innerText.trim() === arguments[1]",
                css, text);
    }

    /** Waits until the shown text of the element contains {@code text}. */
    default void waitForTextContaining(String css, String text) {
        waitUntil("const e = document.querySelector(arguments[0]); return e !== null && e.innerText.includes(arguments[1])",
                css, text);
    }

    /** The shown text of the element, once it is there. */
    default String text(String css) {
        shown(css);
        return (String) script("return document.querySelector(arguments[0]).innerText", css);
    }

    default String attribute(String css, String name) {
        waitUntil("return document.querySelector(arguments[0]) !== null", css);
        return (String) script("return document.querySelector(arguments[0]).getAttribute(arguments[1])", css, name);
    }

    default String cssValue(String css, String property) {
        shown(css);
        return (String) script("return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1])",
                css, property);
    }

    /** Chooses an option of a {@code <select>} by its value, as a user's choice does (a {@code change} event). */
    default void choose(String css, String value) {
        waitUntil("const s = document.querySelector(arguments[0]);"
                + "if (s === null || ![...s.options].some(o => o.value === arguments[1])) return false;"
                + "if (s.value !== arguments[1]) { s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true})); }"
                + "return true", css, value);
    }

    private String showing() {
        try {
            return String.valueOf(script("const s = document.querySelector('main section:not([hidden])');"
                    + "return document.getElementById('error').textContent + ' | ' + (s ? s.innerText.slice(0, 2000) : '')"));
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
