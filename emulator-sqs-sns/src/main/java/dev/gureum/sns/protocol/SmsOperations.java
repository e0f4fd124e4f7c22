package dev.gureum.sns.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Struct;
import dev.gureum.sns.domain.SnsState;
import dev.gureum.sns.domain.SnsStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * SMS settings, opt-outs and the SMS sandbox, kept per account and region. No text message leaves
 * Gureum: what would have been sent is recorded. A sandbox number is verified by any one-time password.
 */
final class SmsOperations {

    private static final Set<String> ATTRIBUTES = Set.of("MonthlySpendLimit", "DeliveryStatusIAMRole",
            "DeliveryStatusSuccessSamplingRate", "DefaultSenderID", "DefaultSMSType", "UsageReportS3Bucket");
    private static final Pattern E164 = Pattern.compile("\\+?[0-9]{1,15}");
    private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}");
    private static final Pattern SANDBOX_NUMBER = Pattern.compile("\\+[0-9]{8,}|[0-9]{0,9}");
    private static final Pattern OTP = Pattern.compile("[0-9]{5,8}");

    private final SnsStore store;
    private final SnsState state;

    SmsOperations(SnsStore store, SnsState state) {
        this.store = store;
        this.state = state;
    }

    private SnsStore.Resources resources(ActionRequest r) {
        return store.resources(r.context().accountId(), r.context().region());
    }

    /** Answers once the caller's SMS settings are durable. */
    private CompletionStage<Struct> saved(ActionRequest r) {
        return state.saveSms(r.context().accountId(), r.context().region()).thenApply(done -> Struct.of());
    }

    CompletionStage<Struct> setSmsAttributes(ActionRequest r) {
        Map<String, String> attributes = SnsInputs.attributes(r.params(), "attributes");
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!ATTRIBUTES.contains(a.getKey())) {
                throw SnsError.invalid(a.getKey() + " is not a valid attribute");
            }
            if (a.getKey().equals("DefaultSMSType") && !a.getValue().equals("Promotional")
                    && !a.getValue().equals("Transactional")) {
                throw SnsError.invalid("DefaultSMSType is invalid");
            }
            if (a.getKey().equals("DefaultSenderID") && !SENDER_ID.matcher(a.getValue()).matches()) {
                throw SnsError.invalid("DefaultSenderID is invalid");
            }
        }
        resources(r).smsAttributes().putAll(attributes);
        return saved(r);
    }

    Struct getSmsAttributes(ActionRequest r) {
        List<String> names = r.params().stringList("attributes");
        Map<String, String> all = resources(r).smsAttributes();
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : all.entrySet()) {
            if (names.isEmpty() || names.contains(a.getKey())) {
                result.put(a.getKey(), a.getValue());
            }
        }
        return Struct.of().put("attributes", MapValue.of(result));
    }

    private static String phone(ActionRequest r) {
        String number = r.params().string("phoneNumber");
        if (number == null || !E164.matcher(number).matches()) {
            throw SnsError.invalidParameter("PhoneNumber Reason: input incorrectly formatted");
        }
        return number;
    }

    Struct checkIfPhoneNumberIsOptedOut(ActionRequest r) {
        return Struct.of().put("isOptedOut", resources(r).optedOut().contains(phone(r)));
    }

    Struct listPhoneNumbersOptedOut(ActionRequest r) {
        List<String> numbers = new ArrayList<>(resources(r).optedOut());
        SnsInputs.Page<String> page = SnsInputs.page(numbers, n -> n, r.params().string("nextToken"), 100);
        return Struct.of().put("phoneNumbers", ListValue.wrapped(page.items())).put("nextToken", page.nextToken());
    }

    CompletionStage<Struct> optInPhoneNumber(ActionRequest r) {
        resources(r).optedOut().remove(phone(r));
        return saved(r);
    }

    // ---- sandbox -------------------------------------------------------------------------------

    Struct getSmsSandboxAccountStatus(ActionRequest r) {
        return Struct.of().put("IsInSandbox", false);
    }

    private static String sandboxNumber(ActionRequest r) {
        String number = r.params().string("PhoneNumber", "");
        if (number.length() > 20 || !SANDBOX_NUMBER.matcher(number).matches()) {
            throw new AwsException(SnsError.VALIDATION_ERROR, "1 validation error detected: Value '" + number
                    + "' at 'phoneNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "^(\\+[0-9]{8,}|[0-9]{0,9})$");
        }
        return number;
    }

    CompletionStage<Struct> createSmsSandboxPhoneNumber(ActionRequest r) {
        resources(r).sandboxNumbers().putIfAbsent(sandboxNumber(r), "Pending");
        return saved(r);
    }

    CompletionStage<Struct> verifySmsSandboxPhoneNumber(ActionRequest r) {
        String number = sandboxNumber(r);
        Map<String, String> numbers = resources(r).sandboxNumbers();
        if (!numbers.containsKey(number)) {
            throw new AwsException(SnsError.RESOURCE_NOT_FOUND, "Phone number does not exist in the sandbox");
        }
        if (!OTP.matcher(r.params().string("OneTimePassword", "")).matches()) {
            throw new AwsException(SnsError.VERIFICATION, "Invalid one-time password");
        }
        numbers.put(number, "Verified");
        return saved(r);
    }

    CompletionStage<Struct> deleteSmsSandboxPhoneNumber(ActionRequest r) {
        if (resources(r).sandboxNumbers().remove(sandboxNumber(r)) == null) {
            throw new AwsException(SnsError.RESOURCE_NOT_FOUND, "Phone number does not exist in the sandbox");
        }
        return saved(r);
    }

    Struct listSmsSandboxPhoneNumbers(ActionRequest r) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(resources(r).sandboxNumbers().entrySet());
        Integer max = r.params().integer("MaxResults");
        SnsInputs.Page<Map.Entry<String, String>> page = SnsInputs.page(entries, Map.Entry::getKey,
                r.params().string("NextToken"), max == null ? 100 : Math.max(1, Math.min(max, 100)));
        return Struct.of().list("PhoneNumbers", page.items(), e -> Struct.of().put("PhoneNumber", e.getKey())
                .put("Status", e.getValue())).put("NextToken", page.nextToken());
    }

    Struct listOriginationNumbers(ActionRequest r) {
        return Struct.of().list("PhoneNumbers", List.of());
    }
}
