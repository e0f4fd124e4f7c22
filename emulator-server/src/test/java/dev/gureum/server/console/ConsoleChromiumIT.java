package dev.gureum.server.console;

import org.junit.jupiter.api.BeforeAll;

/**
 * The console's main scenarios in headless Chromium, through chromedriver (see {@link Browser}); {@link ConsoleIT}
 * has Chromium's other scenarios and the documentation's pictures.
 */
class ConsoleChromiumIT extends ConsoleScenarios {

    @BeforeAll
    static void openChromium() {
        page = Browser.open(1400, 1000);
    }

    @Override
    String pictures() {
        return "chromium";
    }
}
