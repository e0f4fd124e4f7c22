package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagesTest {

    @Test
    void markersWalkTheWholeList() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        List<Integer> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            PageTokens.Page<Integer> page = Pages.page(all, marker, 2);
            seen.addAll(page.items());
            marker = page.nextToken();
            pages++;
        } while (marker != null);
        assertThat(seen).isEqualTo(all);
        assertThat(pages).isEqualTo(3);
        assertThat(Pages.page(all, "", 10).items()).isEqualTo(all);
    }

    @Test
    void aMarkerPastTheEndOfAShrunkListGivesAnEmptyPage() {
        String marker = Pages.page(List.of(1, 2, 3, 4), null, 3).nextToken();
        PageTokens.Page<Integer> page = Pages.page(List.of(1), marker, 3);
        assertThat(page.items()).isEmpty();
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void aMarkerGureumDidNotIssueIsAnInvalidParameter() {
        assertThatThrownBy(() -> Pages.page(List.of(1), "not a marker!", 3)).isInstanceOf(AwsException.class)
                .hasMessage("Invalid marker: not a marker!")
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidParameterValueException");
        assertThatThrownBy(() -> Pages.page(List.of(1), PageTokens.encode("7"), 3)).isInstanceOf(AwsException.class);
    }
}
