package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code --enforce-iam}, every request of an IAM user or role session is authorized by its identity-based
 * policies (with the resource's policy, by AWS's evaluation logic), and refused with each service's own error and
 * AWS's message; the account's root user may do everything in its account.
 */
class IamEnforcementIT {

    private static final String ACCOUNT = "000000000000";
    private static final String OTHER = "111111111111";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true));

    private final IamClient rootIam = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build();
    private final IamClient otherIam = gureum.configure(IamClient.builder(), OTHER).region(Region.AWS_GLOBAL).build();
    private final S3Client rootS3 = gureum.configure(S3Client.builder()).build();
    private final SqsClient rootSqs = gureum.configure(SqsClient.builder()).build();

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private static StaticCredentialsProvider keys(AccessKey key) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    /** A user of the account with the given inline policy (none when {@code null}) and a key. */
    private static AccessKey user(IamClient iam, String name, String policy) {
        iam.createUser(r -> r.userName(name));
        if (policy != null) {
            iam.putUserPolicy(r -> r.userName(name).policyName("inline").policyDocument(policy));
        }
        return iam.createAccessKey(r -> r.userName(name)).accessKey();
    }

    private static String allow(String actions, String resources) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":%s,"Resource":%s}]}"""
                .formatted(actions, resources);
    }

    private static void assertDenied(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    @Test
    void s3ActionsAreTheServiceAuthorizationReferencesAndADenialNamesUserActionAndResource() {
        rootS3.createBucket(b -> b.bucket("data"));
        rootS3.putObject(b -> b.bucket("data").key("public/a"), RequestBody.fromString("a"));
        rootS3.putObject(b -> b.bucket("data").key("private/b"), RequestBody.fromString("b"));
        AccessKey key = user(rootIam, "alice", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/public/*"},
                 {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::data",
                  "Condition":{"StringLike":{"s3:prefix":"public/*"}}}]}""");
        S3Client alice = gureum.configure(S3Client.builder()).credentialsProvider(keys(key)).build();

        assertThat(alice.getObjectAsBytes(b -> b.bucket("data").key("public/a")).asUtf8String()).isEqualTo("a");
        assertThat(alice.headObject(b -> b.bucket("data").key("public/a")).contentLength()).isEqualTo(1);
        assertThat(alice.listObjectsV2(b -> b.bucket("data").prefix("public/")).contents()).hasSize(1);
        assertDenied(() -> alice.getObject(b -> b.bucket("data").key("private/b")), 403, "AccessDenied",
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:GetObject on resource: "
                        + "\"arn:aws:s3:::data/private/b\" because no identity-based policy allows the s3:GetObject action");
        assertDenied(() -> alice.listObjectsV2(b -> b.bucket("data")), 403, "AccessDenied",
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:ListBucket on resource: "
                        + "\"arn:aws:s3:::data\" because no identity-based policy allows the s3:ListBucket action");
        assertDenied(() -> alice.putObject(b -> b.bucket("data").key("public/c"), RequestBody.fromString("c")), 403,
                "AccessDenied", "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:PutObject "
                        + "on resource: \"arn:aws:s3:::data/public/c\" because no identity-based policy allows the "
                        + "s3:PutObject action");
        // a copy reads its source and writes its target: reading alone is not enough
        assertDenied(() -> alice.copyObject(b -> b.sourceBucket("data").sourceKey("public/a")
                .destinationBucket("data").destinationKey("public/copy")), 403, "AccessDenied", null);
        assertDenied(() -> alice.listBuckets(), 403, "AccessDenied",
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:ListAllMyBuckets "
                        + "because no identity-based policy allows the s3:ListAllMyBuckets action");
        assertDenied(() -> alice.createBucket(b -> b.bucket("alices")), 403, "AccessDenied", null);
        // the root user needs no policy
        assertThat(rootS3.getObjectAsBytes(b -> b.bucket("data").key("private/b")).asUtf8String()).isEqualTo("b");
    }

    @Test
    void anExplicitDenyBeatsAnAllowAndSaysSo() {
        rootS3.createBucket(b -> b.bucket("kept"));
        rootS3.putObject(b -> b.bucket("kept").key("k"), RequestBody.fromString("v"));
        AccessKey key = user(rootIam, "bob", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:*","Resource":"*"},
                 {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::kept/*"}]}""");
        S3Client bob = gureum.configure(S3Client.builder()).credentialsProvider(keys(key)).build();
        assertThat(bob.getObjectAsBytes(b -> b.bucket("kept").key("k")).asUtf8String()).isEqualTo("v");
        assertDenied(() -> bob.deleteObject(b -> b.bucket("kept").key("k")), 403, "AccessDenied",
                "User: arn:aws:iam::000000000000:user/bob is not authorized to perform: s3:DeleteObject on resource: "
                        + "\"arn:aws:s3:::kept/k\" with an explicit deny in an identity-based policy");
    }

    @Test
    void aPermissionsBoundaryLimitsWhatAttachedPoliciesAllow() {
        rootS3.createBucket(b -> b.bucket("bounded"));
        String boundary = rootIam.createPolicy(r -> r.policyName("read-only-s3").policyDocument(
                allow("[\"s3:Get*\",\"s3:List*\"]", "\"*\""))).policy().arn();
        AccessKey key = user(rootIam, "carol", null);
        rootIam.attachUserPolicy(r -> r.userName("carol").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        rootIam.putUserPermissionsBoundary(r -> r.userName("carol").permissionsBoundary(boundary));
        S3Client carol = gureum.configure(S3Client.builder()).credentialsProvider(keys(key)).build();

        assertThat(carol.listBuckets().buckets()).hasSize(1);
        assertDenied(() -> carol.putObject(b -> b.bucket("bounded").key("k"), RequestBody.fromString("v")), 403,
                "AccessDenied", "User: arn:aws:iam::000000000000:user/carol is not authorized to perform: s3:PutObject "
                        + "on resource: \"arn:aws:s3:::bounded/k\" because no permissions boundary allows the "
                        + "s3:PutObject action");
        rootIam.deleteUserPermissionsBoundary(r -> r.userName("carol"));
        carol.putObject(b -> b.bucket("bounded").key("k"), RequestBody.fromString("v"));
    }

    @Test
    void groupsAndAttachedManagedPoliciesGrantTheirMembers() {
        rootS3.createBucket(b -> b.bucket("shared"));
        AccessKey key = user(rootIam, "dave", null);
        S3Client dave = gureum.configure(S3Client.builder()).credentialsProvider(keys(key)).build();
        assertDenied(() -> dave.listObjectsV2(b -> b.bucket("shared")), 403, "AccessDenied", null);
        rootIam.createGroup(r -> r.groupName("readers"));
        rootIam.attachGroupPolicy(r -> r.groupName("readers")
                .policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        rootIam.addUserToGroup(r -> r.groupName("readers").userName("dave"));
        assertThat(dave.listObjectsV2(b -> b.bucket("shared")).contents()).isEmpty();
    }

    @Test
    void sqsRefusesWithAccessDeniedAndAQueuePolicyLetsAnotherAccountsUserInOnlyWithItsOwnPolicy() {
        String url = rootSqs.createQueue(r -> r.queueName("jobs")).queueUrl();
        String arn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs";
        AccessKey key = user(rootIam, "erin", allow("\"sqs:SendMessage\"", "\"" + arn + "\""));
        SqsClient erin = gureum.configure(SqsClient.builder()).credentialsProvider(keys(key)).build();
        erin.sendMessage(r -> r.queueUrl(url).messageBody("hi"));
        assertDenied(() -> erin.receiveMessage(r -> r.queueUrl(url)), 403, "AccessDenied",
                "User: arn:aws:iam::000000000000:user/erin is not authorized to perform: sqs:ReceiveMessage on "
                        + "resource: " + arn + " because no identity-based policy allows the sqs:ReceiveMessage action");
        assertDenied(() -> erin.listQueues(), 403, "AccessDenied", null);

        // another account's user: the queue policy must let it in, and so must its own account's policies
        rootSqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(java.util.Map.of("Policy", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                 "Action":"sqs:SendMessage","Resource":"%s"}]}""".formatted(OTHER, arn))));
        AccessKey frank = user(otherIam, "frank", null);
        SqsClient frankSqs = gureum.configure(SqsClient.builder()).credentialsProvider(keys(frank)).build();
        assertDenied(() -> frankSqs.sendMessage(r -> r.queueUrl(url).messageBody("x")), 403, "AccessDenied",
                "User: arn:aws:iam::111111111111:user/frank is not authorized to perform: sqs:SendMessage on resource: "
                        + arn + " because no identity-based policy allows the sqs:SendMessage action");
        otherIam.putUserPolicy(r -> r.userName("frank").policyName("send").policyDocument(
                allow("\"sqs:*\"", "\"*\"")));
        frankSqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
        // the queue policy allows only SendMessage: frank's own allowance of sqs:* does not reach further
        assertDenied(() -> frankSqs.receiveMessage(r -> r.queueUrl(url)), 403, "AccessDenied", null);
    }

    @Test
    void aBucketPolicyNamingAUserOfTheAccountIsEnoughWithinTheAccountButNotAcrossAccounts() {
        rootS3.createBucket(b -> b.bucket("granted"));
        rootS3.putObject(b -> b.bucket("granted").key("k"), RequestBody.fromString("v"));
        AccessKey gina = user(rootIam, "gina", null);
        AccessKey hank = user(otherIam, "hank", null);
        rootS3.putBucketPolicy(b -> b.bucket("granted").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":["arn:aws:iam::000000000000:user/gina","arn:aws:iam::111111111111:user/hank"]},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::granted/*"}]}"""));
        S3Client ginaS3 = gureum.configure(S3Client.builder()).credentialsProvider(keys(gina)).build();
        S3Client hankS3 = gureum.configure(S3Client.builder()).credentialsProvider(keys(hank)).build();
        assertThat(ginaS3.getObjectAsBytes(b -> b.bucket("granted").key("k")).asUtf8String()).isEqualTo("v");
        assertDenied(() -> hankS3.getObject(b -> b.bucket("granted").key("k")), 403, "AccessDenied",
                "User: arn:aws:iam::111111111111:user/hank is not authorized to perform: s3:GetObject on resource: "
                        + "\"arn:aws:s3:::granted/k\" because no identity-based policy allows the s3:GetObject action");
        otherIam.putUserPolicy(r -> r.userName("hank").policyName("read").policyDocument(
                allow("\"s3:GetObject\"", "\"*\"")));
        assertThat(hankS3.getObjectAsBytes(b -> b.bucket("granted").key("k")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void snsLambdaEc2AndIamAnswerTheirOwnErrors() {
        AccessKey key = user(rootIam, "ivan", null);
        SnsClient sns = gureum.configure(SnsClient.builder()).credentialsProvider(keys(key)).build();
        String topic = gureum.configure(SnsClient.builder()).build().createTopic(r -> r.name("news")).topicArn();
        assertDenied(() -> sns.publish(r -> r.topicArn(topic).message("m")), 403, "AuthorizationError",
                "User: arn:aws:iam::000000000000:user/ivan is not authorized to perform: sns:Publish on resource: "
                        + topic + " because no identity-based policy allows the sns:Publish action");

        LambdaClient lambda = gureum.configure(LambdaClient.builder()).credentialsProvider(keys(key)).build();
        assertDenied(() -> lambda.invoke(r -> r.functionName("worker").payload(SdkBytes.fromUtf8String("{}"))), 403,
                "AccessDeniedException", "User: arn:aws:iam::000000000000:user/ivan is not authorized to perform: "
                        + "lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:worker "
                        + "because no identity-based policy allows the lambda:InvokeFunction action");

        Ec2Client ec2 = gureum.configure(Ec2Client.builder()).credentialsProvider(keys(key)).build();
        assertDenied(() -> ec2.runInstances(r -> r.imageId("ami-0abcdef1234567890").minCount(1).maxCount(1)), 403,
                "UnauthorizedOperation", "You are not authorized to perform this operation. User: "
                        + "arn:aws:iam::000000000000:user/ivan is not authorized to perform: ec2:RunInstances on "
                        + "resource: arn:aws:ec2:us-east-1:000000000000:instance/* because no identity-based policy "
                        + "allows the ec2:RunInstances action");

        IamClient iam = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).credentialsProvider(keys(key))
                .build();
        assertDenied(() -> iam.createUser(r -> r.userName("mallory")), 403, "AccessDenied",
                "User: arn:aws:iam::000000000000:user/ivan is not authorized to perform: iam:CreateUser on resource: "
                        + "arn:aws:iam::000000000000:user/mallory because no identity-based policy allows the "
                        + "iam:CreateUser action");

        // granted, the same calls go through
        rootIam.putUserPolicy(r -> r.userName("ivan").policyName("ops").policyDocument(allow(
                "[\"sns:Publish\",\"lambda:ListFunctions\",\"ec2:Describe*\",\"iam:CreateUser\"]", "\"*\"")));
        sns.publish(r -> r.topicArn(topic).message("m"));
        assertThat(lambda.listFunctions().functions()).isEmpty();
        assertThat(ec2.describeInstances().reservations()).isEmpty();
        iam.createUser(r -> r.userName("mallory"));
    }

    @Test
    void cloudWatchLogsAutoScalingAndLoadBalancingRefuseTooAndGrantWhatIsAllowed() {
        AccessKey key = user(rootIam, "kate", null);
        var cloudWatch = gureum.configure(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder())
                .credentialsProvider(keys(key)).build();
        var logs = gureum.configure(software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder())
                .credentialsProvider(keys(key)).build();
        var autoScaling = gureum.configure(software.amazon.awssdk.services.autoscaling.AutoScalingClient.builder())
                .credentialsProvider(keys(key)).build();
        var elb = gureum.configure(
                software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client.builder())
                .credentialsProvider(keys(key)).build();
        assertDenied(() -> cloudWatch.listMetrics(), 403, "AccessDenied",
                "User: arn:aws:iam::000000000000:user/kate is not authorized to perform: cloudwatch:ListMetrics "
                        + "because no identity-based policy allows the cloudwatch:ListMetrics action");
        assertDenied(() -> logs.createLogGroup(r -> r.logGroupName("app")), 400, "AccessDeniedException",
                "User: arn:aws:iam::000000000000:user/kate is not authorized to perform: logs:CreateLogGroup on "
                        + "resource: arn:aws:logs:us-east-1:000000000000:log-group:app because no identity-based "
                        + "policy allows the logs:CreateLogGroup action");
        assertDenied(() -> autoScaling.describeAutoScalingGroups(), 403, "AccessDenied", null);
        assertDenied(() -> elb.describeLoadBalancers(), 403, "AccessDenied", null);
        rootIam.putUserPolicy(r -> r.userName("kate").policyName("read").policyDocument(allow(
                "[\"cloudwatch:ListMetrics\",\"logs:CreateLogGroup\",\"autoscaling:Describe*\","
                        + "\"elasticloadbalancing:Describe*\"]", "\"*\"")));
        assertThat(cloudWatch.listMetrics(r -> r.namespace("Kate/Nothing")).metrics()).isEmpty();
        logs.createLogGroup(r -> r.logGroupName("app"));
        assertThat(autoScaling.describeAutoScalingGroups().autoScalingGroups()).isEmpty();
        assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
    }

    @Test
    void getCallerIdentityNeedsNoPermissionAndARoleSessionHasItsRolesPolicies() {
        AccessKey key = user(rootIam, "judy", null);
        StsClient judy = gureum.configure(StsClient.builder()).credentialsProvider(keys(key)).build();
        assertThat(judy.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:user/judy");

        rootS3.createBucket(b -> b.bucket("role-data"));
        rootIam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"000000000000"},
                 "Action":"sts:AssumeRole"}]}"""));
        rootIam.putRolePolicy(r -> r.roleName("reader").policyName("list").policyDocument(
                allow("\"s3:ListBucket\"", "\"arn:aws:s3:::role-data\"")));
        Credentials session = gureum.configure(StsClient.builder()).build().assumeRole(r -> r
                .roleArn("arn:aws:iam::000000000000:role/reader").roleSessionName("s1")).credentials();
        S3Client asRole = gureum.configure(S3Client.builder()).credentialsProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                        session.sessionToken()))).build();
        assertThat(asRole.listObjectsV2(b -> b.bucket("role-data")).contents()).isEmpty();
        assertDenied(() -> asRole.putObject(b -> b.bucket("role-data").key("k"), RequestBody.fromString("v")), 403,
                "AccessDenied", "User: arn:aws:sts::000000000000:assumed-role/reader/s1 is not authorized to perform: "
                        + "s3:PutObject on resource: \"arn:aws:s3:::role-data/k\" because no identity-based policy "
                        + "allows the s3:PutObject action");
    }

    @Test
    void unsignedRequestsAreAnonymous() throws Exception {
        rootS3.createBucket(b -> b.bucket("private-bucket"));
        rootS3.putObject(b -> b.bucket("private-bucket").key("k"), RequestBody.fromString("v"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/private-bucket/k")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(403);
        assertThat(get.body()).contains("<Code>AccessDenied</Code>");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/private-bucket/x"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(403);
        HttpResponse<String> sqs = http.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sqs.statusCode()).isEqualTo(403);
        assertThat(sqs.body()).contains("MissingAuthenticationToken");
    }
}
