package dev.gureum.core.http;

import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The route table built from descriptors the core does not know: each rule finds its service. */
class ServiceTableTest {

    private static final ServiceDescriptor WIDGETS = PluggedServiceIT.WIDGETS;
    private static final ServiceDescriptor GADGETS = new ServiceDescriptor("gadgets", Set.of("gadgets", "gadget-ops"),
            Protocol.REST_JSON, null, "2025-05-05", null, false)
            .with(Set.of(), ServiceRoutes.builder()
                    .pathPrefixes("/2025-05-05/gadgets/")
                    .pathPattern("^/gadget-\\d+$")
                    .hostPattern("^(?:(?<region>[a-z]{2}-[a-z]+-\\d+)\\.)?gadgets\\.example$")
                    .fallback().actionFallback()
                    .build());
    private static final ServiceTable TABLE = ServiceTable.of(List.of(WIDGETS, GADGETS));

    @Test
    void signingNamesAndTargetPrefixes() {
        assertThat(TABLE.bySigningName("gadget-ops")).isEqualTo(GADGETS);
        assertThat(TABLE.bySigningName("widgets")).isEqualTo(WIDGETS);
        assertThat(TABLE.bySigningName("iam")).isNull();
        assertThat(TABLE.byTargetPrefix("WidgetService_20260101")).isEqualTo(WIDGETS);
        assertThat(TABLE.byTargetPrefix("DynamoDB_20120810")).isNull();
    }

    @Test
    void pathsByPrefixThenPattern() {
        assertThat(TABLE.byPath("/2025-05-05/gadgets/g-1")).isEqualTo(GADGETS);
        assertThat(TABLE.byPath("/2025-05-05/other")).isNull();
        assertThat(TABLE.byPath("/widgets-api/w")).isEqualTo(WIDGETS);
        assertThat(TABLE.byPath("/gadget-42")).isEqualTo(GADGETS);
        assertThat(TABLE.byPath("/gadget-42/x")).isNull();
        assertThat(TABLE.byPath("/")).isNull();
    }

    @Test
    void hostsByLabelThenPattern() {
        assertThat(TABLE.byHost("widgets.ap-northeast-2.localhost.localstack.cloud")).isEqualTo(WIDGETS);
        assertThat(TABLE.regionFromHost("widgets.ap-northeast-2.localhost.localstack.cloud")).isEqualTo("ap-northeast-2");
        assertThat(TABLE.byHost("widgets.amazonaws.com")).isEqualTo(WIDGETS);
        assertThat(TABLE.regionFromHost("widgets.amazonaws.com")).isNull();
        assertThat(TABLE.byHost("eu-west-1.gadgets.example")).isEqualTo(GADGETS);
        assertThat(TABLE.regionFromHost("eu-west-1.gadgets.example")).isEqualTo("eu-west-1");
        assertThat(TABLE.byHost("sqs.us-east-1.amazonaws.com")).isNull();
        assertThat(TABLE.byHost("localhost")).isNull();
    }

    @Test
    void actionsByVersionThenNameThenFallback() {
        assertThat(TABLE.byAction("Anything", "2026-01-01")).isEqualTo(WIDGETS);
        assertThat(TABLE.byAction("Polish", null)).isEqualTo(WIDGETS);
        assertThat(TABLE.byAction("Polish", "2025-05-05")).isEqualTo(WIDGETS); // a REST service's version names nothing
        assertThat(TABLE.byAction("Unclaimed", null)).isEqualTo(GADGETS);
        assertThat(TABLE.byAction("", null)).isNull();
        assertThat(TABLE.fallback()).isEqualTo(GADGETS);
        assertThat(TABLE.names()).isEqualTo("widgets and gadgets");
    }

    @Test
    void twoServicesMayNotClaimTheSameEvidence() {
        ServiceDescriptor rival = new ServiceDescriptor("rival", Set.of("rival"), Protocol.QUERY, null, "2000-01-01",
                null, false).with(Set.of(), ServiceRoutes.builder().queryActions(Set.of("Polish")).build());
        assertThatThrownBy(() -> ServiceTable.of(List.of(WIDGETS, rival)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Services widgets and rival both claim the action 'Polish'");
    }
}
