package dev.gureum.server.console;

import dev.gureum.core.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFeedTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static RequestContext context(String account) {
        return new RequestContext("req-" + account, CLOCK).accountId(account);
    }

    @Test
    void keepsTheLastEntriesInOrderAndPagesAfterASequenceNumber() {
        RequestFeed feed = new RequestFeed(3, CLOCK);
        for (int i = 0; i < 5; i++) {
            feed.answered(context("00000000000" + i), "POST", "/", 200, 2_000_000);
        }
        assertThat(feed.last()).isEqualTo(4);
        assertThat(feed.after(-1)).extracting(RequestFeed.Entry::sequence).containsExactly(2L, 3L, 4L);
        assertThat(feed.after(3)).extracting(RequestFeed.Entry::accountId).containsExactly("000000000004");
        assertThat(feed.after(4)).isEmpty();
        assertThat(feed.after(-1).get(0).durationMillis()).isEqualTo(2.0);
        assertThat(feed.after(-1).get(0).time()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void theConsolesOwnRequestsAndReadsOfGureumsViewsAreLeftOut() {
        RequestFeed feed = new RequestFeed(10, CLOCK);
        feed.answered(context("000000000000"), "GET", "/_gureum/console/api/messaging", 200, 1);
        feed.answered(context("000000000000"), "GET", "/_gureum/ec2/hosts", 200, 1);
        assertThat(feed.after(-1)).isEmpty();
        assertThat(feed.drainChanged()).isEmpty();

        feed.answered(context("000000000000"), "POST", "/_gureum/clock", 200, 1);
        assertThat(feed.after(-1)).singleElement().satisfies(e -> {
            assertThat(e.service()).isEqualTo("gureum");
            assertThat(e.operation()).isEqualTo("POST /_gureum/clock");
        });
        // moving the clock may change every service's state
        assertThat(feed.drainChanged()).containsExactly(RequestFeed.EVERY_SERVICE);
        assertThat(feed.drainChanged()).isEmpty();
    }
}
