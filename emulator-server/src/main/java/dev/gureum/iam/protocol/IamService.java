package dev.gureum.iam.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.spi.IamRoles;
import dev.gureum.core.spi.IdentityPolicies;
import dev.gureum.iam.IamModule;
import dev.gureum.iam.domain.CallerPolicies;
import dev.gureum.iam.domain.Changes;
import dev.gureum.iam.domain.Credentials;
import dev.gureum.iam.domain.Entities;
import dev.gureum.iam.domain.IamRecords;
import dev.gureum.iam.domain.IamRefusal;
import dev.gureum.iam.domain.IamStore;
import dev.gureum.iam.domain.Policies;
import dev.gureum.iam.domain.Providers;
import dev.gureum.iam.domain.Roles;
import dev.gureum.iam.domain.SamlMetadata;
import dev.gureum.iam.domain.Users;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * IAM (query protocol, 2010-05-08): users, groups, roles, managed and inline policies, access keys, instance
 * profiles, login profiles and virtual MFA devices. IAM is global: one set of entities per account, whatever
 * the region a client signs for. Also what other services read of roles, instance profiles and identities'
 * policies ({@link IamRoles}).
 */
public final class IamService extends ActionService implements IamRoles, IdentityPolicies {

    private final IamStore store;
    private final Clock clock;
    private final AccessKeys accessKeys;
    private final Policies policies;
    private final Users users;
    private final Roles roles;
    private final Credentials credentials;
    private final StateJournal journal;
    private final CallerPolicies callers;
    private final Providers providers;

    public IamService(EmulatorContext context) {
        super(IamModule.DESCRIPTOR);
        this.clock = context.clock();
        this.accessKeys = context.accessKeys();
        this.store = new IamStore(accessKeys);
        this.policies = new Policies(store, clock, AwsManagedPolicies.load());
        this.users = new Users(store, clock, policies);
        this.roles = new Roles(store, clock, policies);
        this.credentials = new Credentials(store, clock, users);
        this.providers = new Providers(store, clock);
        this.journal = context.persistence().open(new IamRecords(store));
        this.callers = new CallerPolicies(store, policies);
        registerNotImplemented("operations.txt", "IAM");
        new UserOperations(this).register();
        new CredentialOperations(this).register();
        new RoleOperations(this).register();
        new PolicyOperations(this).register();
        new SimulationOperations(this).register();
        new AccountOperations(this).register();
        new ProviderOperations(this).register();
        enforce(context, IamAccess.rules(store, accessKeys));
    }

    /** Registers an operation whose refusals become IAM's errors. */
    void operation(String action, Operation operation) {
        register(action, request -> {
            try {
                return operation.invoke(request);
            } catch (IamRefusal refusal) {
                throw IamError.of(refusal);
            } catch (PageTokens.InvalidTokenException e) {
                throw new AwsException(IamError.VALIDATION_ERROR, "Invalid Marker.");
            }
        });
    }

    /** Runs a change and answers once its records are durable. */
    CompletionStage<Struct> change(Function<Changes, Struct> change) {
        Changes changes = new Changes(store);
        Struct answer = change.apply(changes);
        return commit(changes).thenApply(done -> answer);
    }

    private CompletionStage<Void> commit(Changes changes) {
        CompletionStage<Void> last = CompletableFuture.completedFuture(null);
        for (Object record : changes.records()) {
            last = journal.append(record);
        }
        return last;
    }

    static String account(ActionRequest r) {
        return r.context().accountId();
    }

    static String partition(ActionRequest r) {
        return Arn.partitionOf(r.context().region());
    }

    IamStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    AccessKeys accessKeys() {
        return accessKeys;
    }

    Policies policies() {
        return policies;
    }

    Users users() {
        return users;
    }

    Roles roles() {
        return roles;
    }

    Credentials credentials() {
        return credentials;
    }

    Providers providers() {
        return providers;
    }

    @Override
    public void reset() {
        journal.reset().toCompletableFuture().join();
    }

    @Override
    public void close() {
        // the server's persistence closes the journal
    }

    // what STS and EC2 read

    @Override
    public Optional<Role> role(String roleArn) {
        Arn arn;
        try {
            arn = Arn.parse(roleArn);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Entities.Role r = roles.roleByArn(arn.accountId(), roleArn);
        return Optional.ofNullable(r == null ? null : view(r));
    }

    private static Role view(Entities.Role r) {
        return new Role(r.arn(), r.id(), r.name(), r.maxSessionDuration());
    }

    @Override
    public Optional<SamlProvider> samlProvider(String providerArn) {
        Entities.SamlProvider p = provider(providerArn, a -> a.samlProviders().stream());
        if (p == null) {
            return Optional.empty();
        }
        try {
            SamlMetadata m = SamlMetadata.parse(p.metadata());
            return Optional.of(new SamlProvider(p.arn(), m.entityId(), m.signingCertificates(), p.encryptionMode()));
        } catch (SamlMetadata.Invalid e) {
            // stored documents were read when they were given
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<OidcProvider> oidcProvider(String providerArn) {
        Entities.OidcProvider p = provider(providerArn, a -> a.oidcProviders().stream());
        return Optional.ofNullable(p == null ? null : new OidcProvider(p.arn(), p.url(), p.clientIds(), p.thumbprints()));
    }

    private <T extends Record> T provider(String arn, Function<IamStore.Account, java.util.stream.Stream<T>> all) {
        String account;
        try {
            account = Arn.parse(arn).accountId();
        } catch (IllegalArgumentException e) {
            return null;
        }
        synchronized (store) {
            return all.apply(store.account(account))
                    .filter(p -> arn.equals(p instanceof Entities.SamlProvider s ? s.arn()
                            : ((Entities.OidcProvider) p).arn()))
                    .findFirst().orElse(null);
        }
    }

    @Override
    public Optional<InstanceProfile> instanceProfile(String accountId, String arnOrName) {
        String name = arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
        synchronized (store) {
            Entities.InstanceProfile p = store.account(accountId).instanceProfile(name);
            if (p == null || arnOrName.startsWith("arn:") && !p.arn().equals(arnOrName)) {
                return Optional.empty();
            }
            Entities.Role role = p.roles().isEmpty() ? null : store.account(accountId).role(p.roles().get(0));
            return Optional.of(new InstanceProfile(p.arn(), p.id(), p.name(), role == null ? null : view(role)));
        }
    }

    @Override
    public Optional<Identity> identity(String principalArn) {
        return callers.identity(principalArn);
    }

    @Override
    public void roleUsed(String roleArn, String region, Instant when) {
        Arn arn;
        try {
            arn = Arn.parse(roleArn);
        } catch (IllegalArgumentException e) {
            return;
        }
        Changes changes = new Changes(store);
        roles.used(changes, arn.accountId(), roleArn, region, when);
        commit(changes);
    }

    @Override
    public Optional<Permissions> permissions(String identityArn) {
        return callers.permissions(identityArn);
    }

    @Override
    public Optional<dev.gureum.core.auth.PolicyDocument> trustPolicy(String roleArn) {
        return callers.trustPolicy(roleArn);
    }

    @Override
    public Optional<String> managedPolicyDocument(String policyArn) {
        return callers.managedPolicyDocument(policyArn);
    }

    static AwsException notImplemented(String action) {
        return new AwsException(CommonError.NOT_IMPLEMENTED, "The operation " + action
                + " is not supported by Gureum's IAM.");
    }
}
