package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * For tests of what one account may do with another's resources: one server, and clients (without
 * retries) of account {@link #A}, of {@link #B} that owns the resources, and of a third account; every
 * test starts from an empty server.
 */
abstract class AccountsFixture {

    static final String A = "111111111111";
    static final String B = "222222222222";

    static LambdaTestSupport t;
    static LambdaClient a;
    static LambdaClient b;
    static LambdaClient c;

    @BeforeAll
    static void start() {
        t = new LambdaTestSupport();
        a = t.clientOf(A);
        b = t.clientOf(B);
        c = t.clientOf("333333333333");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        c.close();
        t.close();
    }

    @AfterEach
    void reset() {
        t.server.registry().reset();
    }
}
