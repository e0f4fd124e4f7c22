package dev.gureum.server.cloudwatch;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CloudWatch dashboards through the Java SDK. */
class CloudWatchDashboardsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static CloudWatchClient cw;

    private static final String BODY = "{\"widgets\":[{\"type\":\"metric\",\"x\":0,\"y\":0,\"width\":12,\"height\":6,"
            + "\"properties\":{\"metrics\":[[\"AWS/SQS\",\"NumberOfMessagesSent\",\"QueueName\",\"orders\"]],"
            + "\"period\":60,\"stat\":\"Sum\",\"region\":\"us-east-1\"}}]}";

    @BeforeAll
    static void client() {
        cw = gureum.configure(CloudWatchClient.builder()).build();
    }

    @AfterAll
    static void close() {
        cw.close();
    }

    @BeforeEach
    void clean() {
        gureum.reset();
    }

    @Test
    void putGetListDelete() {
        assertThat(cw.putDashboard(r -> r.dashboardName("ops-main").dashboardBody(BODY)).dashboardValidationMessages())
                .isEmpty();
        cw.putDashboard(r -> r.dashboardName("ops-db").dashboardBody("{\"widgets\":[]}"));
        cw.putDashboard(r -> r.dashboardName("sales").dashboardBody("{\"widgets\":[]}"));

        GetDashboardResponse got = cw.getDashboard(r -> r.dashboardName("ops-main"));
        assertThat(got.dashboardBody()).isEqualTo(BODY);
        assertThat(got.dashboardName()).isEqualTo("ops-main");
        assertThat(got.dashboardArn()).isEqualTo("arn:aws:cloudwatch::000000000000:dashboard/ops-main");

        ListDashboardsResponse ops = cw.listDashboards(r -> r.dashboardNamePrefix("ops-"));
        assertThat(ops.dashboardEntries()).extracting(DashboardEntry::dashboardName).containsExactly("ops-db", "ops-main");
        DashboardEntry main = ops.dashboardEntries().get(1);
        assertThat(main.size()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Duration.between(main.lastModified(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(cw.listDashboards().dashboardEntries()).hasSize(3);

        // all or nothing: one missing name deletes none
        assertThatThrownBy(() -> cw.deleteDashboards(r -> r.dashboardNames("ops-db", "nope")))
                .isInstanceOfSatisfying(DashboardNotFoundErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                    assertThat(e.getMessage()).contains("nope");
                });
        assertThat(cw.listDashboards().dashboardEntries()).hasSize(3);
        cw.deleteDashboards(r -> r.dashboardNames("ops-db", "sales"));
        assertThat(cw.listDashboards().dashboardEntries()).extracting(DashboardEntry::dashboardName)
                .containsExactly("ops-main");
        assertThatThrownBy(() -> cw.getDashboard(r -> r.dashboardName("sales")))
                .isInstanceOf(DashboardNotFoundErrorException.class)
                .hasMessageContaining("Dashboard sales does not exist");
    }

    @Test
    void invalidBodiesAreRefused() {
        assertThatThrownBy(() -> cw.putDashboard(r -> r.dashboardName("d").dashboardBody("not json")))
                .isInstanceOfSatisfying(DashboardInvalidInputErrorException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterInput");
                    assertThat(e.getMessage()).contains("The field DashboardBody must be a valid JSON object");
                });
        assertThatThrownBy(() -> cw.putDashboard(r -> r.dashboardName("d").dashboardBody("{\"title\":\"x\"}")))
                .isInstanceOf(DashboardInvalidInputErrorException.class)
                .hasMessageContaining("Should have required property 'widgets'");
        assertThatThrownBy(() -> cw.putDashboard(r -> r.dashboardName("d")
                .dashboardBody("{\"widgets\":[{\"type\":\"chart\",\"width\":30}]}")))
                .isInstanceOf(DashboardInvalidInputErrorException.class);
        assertThatThrownBy(() -> cw.putDashboard(r -> r.dashboardName("bad name!").dashboardBody("{\"widgets\":[]}")))
                .isInstanceOf(DashboardInvalidInputErrorException.class);
        assertThat(cw.listDashboards().dashboardEntries()).isEmpty();
    }
}
