package dev.gureum.elb.domain;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Elastic Load Balancing's journal ({@code elb}): load balancers, listeners, rules, target groups and
 * registrations, each set whole by its ARN (tags are part of their resource), and one removal record each.
 */
public final class ElbRecords implements DurableState {

    public static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(1, LoadBalancer.class, 1, ElbRecords::writeLoadBalancer, (in, v) -> readLoadBalancer(in)),
            RecordType.of(2, ElbStore.LoadBalancerDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new ElbStore.LoadBalancerDeleted(in.readString())),
            RecordType.of(3, Listener.class, 1, ElbRecords::writeListener, (in, v) -> readListener(in)),
            RecordType.of(4, ElbStore.ListenerDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new ElbStore.ListenerDeleted(in.readString())),
            RecordType.of(5, ListenerRule.class, 1, ElbRecords::writeRule, (in, v) -> readRule(in)),
            RecordType.of(6, ElbStore.RuleDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new ElbStore.RuleDeleted(in.readString())),
            RecordType.of(7, TargetGroup.class, 1, ElbRecords::writeTargetGroup, (in, v) -> readTargetGroup(in)),
            RecordType.of(8, ElbStore.TargetGroupDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new ElbStore.TargetGroupDeleted(in.readString())),
            RecordType.of(9, Registration.class, 1, (r, out) -> {
                out.writeString(r.targetGroupArn());
                out.writeString(r.targetId());
                out.writeInt(r.port());
                out.writeString(r.availabilityZone());
                out.writeInstant(r.drainingUntil());
            }, (in, v) -> new Registration(in.readString(), in.readString(), in.readInt(), in.readString(), in.readInstant())),
            RecordType.of(10, ElbStore.RegistrationRemoved.class, 1, (r, out) -> {
                out.writeString(r.targetGroupArn());
                out.writeString(r.key());
            }, (in, v) -> new ElbStore.RegistrationRemoved(in.readString(), in.readString())));

    private final ElbStore store;
    private final Runnable cleared;

    /** @param cleared what else to forget when the state is cleared (the targets' health) */
    public ElbRecords(ElbStore store, Runnable cleared) {
        this.store = store;
        this.cleared = cleared;
    }

    @Override
    public String name() {
        return "elb";
    }

    @Override
    public RecordTypes recordTypes() {
        return TYPES;
    }

    @Override
    public void apply(Object record) {
        store.apply(record);
    }

    @Override
    public Iterable<?> records() {
        return store.records();
    }

    @Override
    public void clear() {
        store.clear();
        cleared.run();
    }

    private static void writeLoadBalancer(LoadBalancer lb, RecordOutput out) throws IOException {
        out.writeString(lb.arn());
        out.writeString(lb.account());
        out.writeString(lb.region());
        out.writeString(lb.name());
        out.writeString(lb.type());
        out.writeString(lb.scheme());
        out.writeString(lb.ipAddressType());
        out.writeString(lb.vpcId());
        List<String> subnets = new ArrayList<>();
        lb.subnets().forEach(s -> subnets.add(s.subnetId() + " " + s.zone()));
        out.writeStringList(subnets);
        out.writeStringList(lb.securityGroups());
        out.writeInstant(lb.createdTime());
        out.writeInstant(lb.activeAt());
        out.writeString(lb.dnsId());
        out.writeStringMap(lb.attributes());
        out.writeStringMap(lb.tags());
    }

    private static LoadBalancer readLoadBalancer(RecordInput in) throws IOException {
        String arn = in.readString();
        String account = in.readString();
        String region = in.readString();
        String name = in.readString();
        String type = in.readString();
        String scheme = in.readString();
        String ipType = in.readString();
        String vpc = in.readString();
        List<LoadBalancer.SubnetMapping> subnets = new ArrayList<>();
        for (String s : in.readStringList()) {
            int space = s.indexOf(' ');
            subnets.add(new LoadBalancer.SubnetMapping(s.substring(0, space), s.substring(space + 1)));
        }
        return new LoadBalancer(arn, account, region, name, type, scheme, ipType, vpc, subnets, in.readStringList(),
                in.readInstant(), in.readInstant(), in.readString(), in.readStringMap(), in.readStringMap());
    }

    private static void writeListener(Listener l, RecordOutput out) throws IOException {
        out.writeString(l.arn());
        out.writeString(l.loadBalancerArn());
        out.writeString(l.account());
        out.writeString(l.region());
        out.writeInt(l.port());
        out.writeString(l.protocol());
        out.writeStringList(l.certificates());
        out.writeString(l.sslPolicy());
        writeActions(l.defaultActions(), out);
        out.writeStringMap(l.tags());
    }

    private static Listener readListener(RecordInput in) throws IOException {
        return new Listener(in.readString(), in.readString(), in.readString(), in.readString(), in.readInt(),
                in.readString(), in.readStringList(), in.readString(), readActions(in), in.readStringMap());
    }

    private static void writeRule(ListenerRule r, RecordOutput out) throws IOException {
        out.writeString(r.arn());
        out.writeString(r.listenerArn());
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeInt(r.priority());
        out.writeInt(r.conditions().size());
        for (RuleCondition c : r.conditions()) {
            out.writeString(c.field());
            out.writeString(c.headerName());
            out.writeStringList(c.values());
            out.writeInt(c.queryPairs().size());
            for (RuleCondition.QueryPair p : c.queryPairs()) {
                out.writeString(p.key());
                out.writeString(p.value());
            }
        }
        writeActions(r.actions(), out);
        out.writeStringMap(r.tags());
    }

    private static ListenerRule readRule(RecordInput in) throws IOException {
        String arn = in.readString();
        String listener = in.readString();
        String account = in.readString();
        String region = in.readString();
        int priority = in.readInt();
        int n = in.readInt();
        List<RuleCondition> conditions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String field = in.readString();
            String header = in.readString();
            List<String> values = in.readStringList();
            int pairs = in.readInt();
            List<RuleCondition.QueryPair> query = new ArrayList<>();
            for (int j = 0; j < pairs; j++) {
                query.add(new RuleCondition.QueryPair(in.readString(), in.readString()));
            }
            conditions.add(new RuleCondition(field, header, values, query));
        }
        return new ListenerRule(arn, listener, account, region, priority, conditions, readActions(in), in.readStringMap());
    }

    private static void writeActions(List<RuleAction> actions, RecordOutput out) throws IOException {
        out.writeInt(actions.size());
        for (RuleAction a : actions) {
            out.writeString(a.type());
            out.writeInt(a.order());
            out.writeInt(a.targetGroups().size());
            for (RuleAction.WeightedTargetGroup t : a.targetGroups()) {
                out.writeString(t.arn());
                out.writeInt(t.weight());
            }
            out.writeInt(a.stickySeconds());
            RuleAction.FixedResponse f = a.fixedResponse();
            out.writeBoolean(f != null);
            if (f != null) {
                out.writeString(f.statusCode());
                out.writeString(f.contentType());
                out.writeString(f.messageBody());
            }
            RuleAction.Redirect r = a.redirect();
            out.writeBoolean(r != null);
            if (r != null) {
                out.writeString(r.protocol());
                out.writeString(r.port());
                out.writeString(r.host());
                out.writeString(r.path());
                out.writeString(r.query());
                out.writeString(r.statusCode());
            }
        }
    }

    private static List<RuleAction> readActions(RecordInput in) throws IOException {
        int n = in.readInt();
        List<RuleAction> actions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String type = in.readString();
            int order = in.readInt();
            int groups = in.readInt();
            List<RuleAction.WeightedTargetGroup> tgs = new ArrayList<>();
            for (int j = 0; j < groups; j++) {
                tgs.add(new RuleAction.WeightedTargetGroup(in.readString(), in.readInt()));
            }
            int sticky = in.readInt();
            RuleAction.FixedResponse f = in.readBoolean()
                    ? new RuleAction.FixedResponse(in.readString(), in.readString(), in.readString()) : null;
            RuleAction.Redirect r = in.readBoolean() ? new RuleAction.Redirect(in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readString(), in.readString()) : null;
            actions.add(new RuleAction(type, order, tgs, sticky, f, r));
        }
        return actions;
    }

    private static void writeTargetGroup(TargetGroup tg, RecordOutput out) throws IOException {
        out.writeString(tg.arn());
        out.writeString(tg.account());
        out.writeString(tg.region());
        out.writeString(tg.name());
        out.writeString(tg.targetType());
        out.writeString(tg.protocol());
        out.writeString(tg.protocolVersion());
        out.writeInt(tg.port());
        out.writeString(tg.vpcId());
        HealthCheck h = tg.healthCheck();
        out.writeBoolean(h.enabled());
        out.writeString(h.protocol());
        out.writeString(h.port());
        out.writeString(h.path());
        out.writeInt(h.intervalSeconds());
        out.writeInt(h.timeoutSeconds());
        out.writeInt(h.healthyThreshold());
        out.writeInt(h.unhealthyThreshold());
        out.writeString(h.matcher());
        out.writeStringMap(tg.attributes());
        out.writeStringMap(tg.tags());
    }

    private static TargetGroup readTargetGroup(RecordInput in) throws IOException {
        String arn = in.readString();
        String account = in.readString();
        String region = in.readString();
        String name = in.readString();
        String type = in.readString();
        String protocol = in.readString();
        String version = in.readString();
        int port = in.readInt();
        String vpc = in.readString();
        HealthCheck h = new HealthCheck(in.readBoolean(), in.readString(), in.readString(), in.readString(), in.readInt(),
                in.readInt(), in.readInt(), in.readInt(), in.readString());
        return new TargetGroup(arn, account, region, name, type, protocol, version, port, vpc, h, in.readStringMap(),
                in.readStringMap());
    }
}
