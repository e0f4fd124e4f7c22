package dev.gureum.sns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Endpoint;
import software.amazon.awssdk.services.sns.model.PlatformApplication;

import java.util.Map;

import static dev.gureum.sns.SnsAssertions.assertSnsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Mobile push applications and endpoints, SMS settings, opt-outs and the SMS sandbox. */
class PlatformAndSmsIT {

    static SnsTestSupport support;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        support = new SnsTestSupport();
        sns = support.sns();
    }

    @AfterAll
    static void stop() {
        sns.close();
        support.close();
    }

    @Test
    void platformApplicationsAndEndpoints() {
        String app = sns.createPlatformApplication(r -> r.name("my-app").platform("APNS").attributes(Map.of(
                "PlatformCredential", "private-key", "PlatformPrincipal", "certificate"))).platformApplicationArn();
        assertThat(app).isEqualTo("arn:aws:sns:us-east-1:000000000000:app/APNS/my-app");
        assertThat(sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)).attributes())
                .containsEntry("Enabled", "true").doesNotContainKeys("PlatformCredential", "PlatformPrincipal");
        sns.setPlatformApplicationAttributes(r -> r.platformApplicationArn(app)
                .attributes(Map.of("EventEndpointCreated", "arn:aws:sns:us-east-1:000000000000:events")));
        assertThat(sns.listPlatformApplications().platformApplications()).extracting(PlatformApplication::platformApplicationArn)
                .contains(app);

        String device = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("token-1")
                .customUserData("user 7")).endpointArn();
        assertThat(device).startsWith("arn:aws:sns:us-east-1:000000000000:endpoint/APNS/my-app/");
        assertThat(sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("token-1")
                .customUserData("user 7")).endpointArn()).isEqualTo(device);
        assertSnsError(() -> sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("token-1")
                .customUserData("someone else")), 400, "InvalidParameter", "Invalid parameter: Token Reason: Endpoint "
                + device + " already exists with the same Token, but different attributes.");
        assertThat(sns.getEndpointAttributes(r -> r.endpointArn(device)).attributes())
                .containsEntry("Token", "token-1").containsEntry("CustomUserData", "user 7").containsEntry("Enabled", "true");
        assertSnsError(() -> sns.setEndpointAttributes(r -> r.endpointArn(device).attributes(Map.of("InvalidKey", "x"))),
                400, "InvalidParameter", "Invalid parameter: Attributes Reason: Invalid attribute name: InvalidKey");
        assertThat(sns.listEndpointsByPlatformApplication(r -> r.platformApplicationArn(app)).endpoints())
                .extracting(Endpoint::endpointArn).containsExactly(device);

        sns.deleteEndpoint(r -> r.endpointArn(device));
        sns.deleteEndpoint(r -> r.endpointArn(device));
        assertSnsError(() -> sns.getEndpointAttributes(r -> r.endpointArn(device)), 404, "NotFound",
                "Endpoint does not exist");
        sns.deletePlatformApplication(r -> r.platformApplicationArn(app));
        assertSnsError(() -> sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)), 404, "NotFound",
                "PlatformApplication does not exist");
    }

    @Test
    void platformInputsAreChecked() {
        assertSnsError(() -> sns.createPlatformApplication(r -> r.name("app").platform("AAA").attributes(Map.of("PlatformCredential", "k"))),
                400, "InvalidParameter", "Invalid parameter: Platform Reason: AAA is not supported");
        assertSnsError(() -> sns.createPlatformApplication(r -> r.name("@name").platform("GCM").attributes(Map.of("PlatformCredential", "k"))),
                400, "InvalidParameter", "Invalid parameter: @name Reason: must contain only characters 'a'-'z', 'A'-'Z', "
                        + "'0'-'9', '_', '-', and '.'");
        assertSnsError(() -> sns.createPlatformApplication(r -> r.name("app").platform("APNS")
                .attributes(Map.of("PlatformCredential", "key"))), 400, "InvalidParameter",
                "Invalid parameter: Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal");
        assertSnsError(() -> sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn("arn")), 400,
                "InvalidParameter", "Invalid parameter: PlatformApplicationArn Reason: An ARN must have at least 6 elements, not 1");
    }

    @Test
    void applicationsNeedAttributes() {
        assertSnsError(() -> sns.createPlatformApplication(r -> r.name("app").platform("GCM")), 400, "ValidationError",
                "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void smsSettingsAndOptOuts() {
        sns.setSMSAttributes(r -> r.attributes(Map.of("DefaultSMSType", "Transactional", "DefaultSenderID", "Gureum")));
        assertThat(sns.getSMSAttributes().attributes()).containsEntry("DefaultSMSType", "Transactional")
                .containsEntry("DefaultSenderID", "Gureum");
        assertThat(sns.getSMSAttributes(r -> r.attributes("DefaultSMSType")).attributes())
                .containsOnlyKeys("DefaultSMSType");
        assertSnsError(() -> sns.setSMSAttributes(r -> r.attributes(Map.of("InvalidAttribute", "x"))), 400,
                "InvalidParameter", "InvalidAttribute is not a valid attribute");
        assertSnsError(() -> sns.setSMSAttributes(r -> r.attributes(Map.of("DefaultSMSType", "Loud"))), 400,
                "InvalidParameter", "DefaultSMSType is invalid");

        assertThat(sns.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber("+15555550100")).isOptedOut()).isFalse();
        assertThat(sns.listPhoneNumbersOptedOut().phoneNumbers()).isEmpty();
        sns.optInPhoneNumber(r -> r.phoneNumber("+15555550100"));
        assertSnsError(() -> sns.optInPhoneNumber(r -> r.phoneNumber("not a number")), 400, "InvalidParameter",
                "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
    }

    @Test
    void smsSandbox() {
        assertThat(sns.getSMSSandboxAccountStatus(r -> { }).isInSandbox()).isFalse();
        sns.createSMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550100"));
        assertThat(sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers()).singleElement()
                .satisfies(n -> assertThat(n.statusAsString()).isEqualTo("Pending"));
        sns.verifySMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550100").oneTimePassword("123456"));
        assertThat(sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers()).singleElement()
                .satisfies(n -> assertThat(n.statusAsString()).isEqualTo("Verified"));
        sns.deleteSMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550100"));
        assertThat(sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers()).isEmpty();
        assertThat(sns.listOriginationNumbers(r -> { }).phoneNumbers()).isEmpty();
    }
}
