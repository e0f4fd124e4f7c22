package dev.gureum.server.console;

import org.junit.jupiter.api.BeforeAll;

/** The console's main scenarios in headless Firefox ESR, driven over WebDriver BiDi (see {@link Firefox}). */
class ConsoleFirefoxIT extends ConsoleScenarios {

    @BeforeAll
    static void openFirefox() {
        page = Firefox.open(1400, 1000);
    }

    @Override
    String pictures() {
        return "firefox";
    }
}
