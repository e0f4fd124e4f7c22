package dev.gureum.elb.http;

import dev.gureum.core.spi.InstanceWorkloads;
import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.Listener;
import dev.gureum.elb.domain.Registration;
import dev.gureum.elb.domain.RuleAction;
import dev.gureum.elb.domain.TargetGroup;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.Transfer;
import org.xnio.ChannelExceptionHandler;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.channels.StreamSinkChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The TCP and TLS listeners of network load balancers on their local ports: each connection a client opens is
 * joined to a connection to a target of the listener's target group, and bytes are copied both ways without
 * any thread waiting (XNIO channels; half-closes pass through). A TLS listener ends the client's TLS with the
 * load balancer's certificate; a TLS target group gets a TLS connection again (whose certificate, as on AWS,
 * is not checked). A connection no target accepts within ten seconds, or that no target group can take, is
 * closed.
 */
final class StreamForwarding {

    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final ElbStore store;
    private final TargetSelection selection;
    private final Supplier<Optional<InstanceWorkloads>> workloads;
    private final ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024);
    private volatile UndertowXnioSsl toTargets;

    StreamForwarding(ElbStore store, TargetSelection selection, Supplier<Optional<InstanceWorkloads>> workloads) {
        this.store = store;
        this.selection = selection;
        this.workloads = workloads;
    }

    /** Listens on {@code 127.0.0.1} and a free port for the listener; with {@code tls}, ending TLS with it. */
    AcceptingChannel<? extends StreamConnection> open(XnioWorker worker, String listenerArn, SSLContext tls)
            throws IOException {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        if (tls == null) {
            return worker.createStreamConnectionServer(any, accepting(listenerArn), OptionMap.EMPTY);
        }
        UndertowXnioSsl ssl = new UndertowXnioSsl(worker.getXnio(), OptionMap.EMPTY, buffers, tls);
        return ssl.createSslConnectionServer(worker, any, accepting(listenerArn), OptionMap.EMPTY);
    }

    private <C extends StreamConnection> ChannelListener<AcceptingChannel<C>> accepting(String listenerArn) {
        return server -> {
            try {
                C client;
                while ((client = server.accept()) != null) {
                    try {
                        connect(client, listenerArn);
                    } catch (RuntimeException e) {
                        IoUtils.safeClose(client);
                    }
                }
            } catch (IOException e) {
                // the client went before it was accepted
            }
        };
    }

    private void connect(StreamConnection client, String listenerArn) {
        Listener listener = store.listener(listenerArn);
        TargetGroup tg = listener == null ? null : group(listener);
        InetSocketAddress source = client.getPeerAddress(InetSocketAddress.class);
        TargetSelection.Choice choice = tg == null ? null
                : selection.choose(tg, source == null ? null : source.getAddress().getHostAddress());
        if (choice == null) {
            IoUtils.safeClose(client);
            return;
        }
        Registration target = choice.target();
        if (tg.targetType().equals("instance")) {
            // finding an instance's workload asks EC2: not on an IO thread
            client.getWorker().execute(() -> {
                InetSocketAddress address = workloads.get().flatMap(w -> w.address(tg.account(), tg.region(),
                        target.targetId(), target.port())).orElse(null);
                client.getIoThread().execute(() -> join(client, tg, target, address));
            });
        } else if (tg.targetType().equals("ip")) {
            join(client, tg, target, new InetSocketAddress(target.targetId(), target.port()));
        } else {
            IoUtils.safeClose(client);
        }
    }

    /** The forward's target group, by weight. */
    private TargetGroup group(Listener listener) {
        RuleAction action = listener.defaultActions().stream()
                .min(java.util.Comparator.comparingInt(RuleAction::order)).orElse(null);
        if (action == null || !action.type().equals("forward") || action.targetGroups().isEmpty()) {
            return null;
        }
        List<RuleAction.WeightedTargetGroup> groups = action.targetGroups();
        int total = groups.stream().mapToInt(RuleAction.WeightedTargetGroup::weight).sum();
        if (groups.size() == 1 || total <= 0) {
            return store.targetGroup(groups.get(0).arn());
        }
        int roll = ThreadLocalRandom.current().nextInt(total);
        for (RuleAction.WeightedTargetGroup g : groups) {
            roll -= g.weight();
            if (roll < 0) {
                return store.targetGroup(g.arn());
            }
        }
        return null;
    }

    private void join(StreamConnection client, TargetGroup tg, Registration target, InetSocketAddress address) {
        if (address == null) {
            IoUtils.safeClose(client);
            return;
        }
        selection.started(target);
        client.setCloseListener(c -> selection.finished(target));
        XnioIoThread thread = client.getIoThread();
        ChannelListener<StreamConnection> opened = connection -> {
            Transfer.initiateTransfer(client.getSourceChannel(), connection.getSinkChannel(), closing(),
                    shutdownWrites(), closingBoth(client, connection), closingBoth(client, connection), buffers);
            Transfer.initiateTransfer(connection.getSourceChannel(), client.getSinkChannel(), closing(),
                    shutdownWrites(), closingBoth(client, connection), closingBoth(client, connection), buffers);
        };
        IoFuture<? extends StreamConnection> future;
        if ("TLS".equals(tg.protocol())) {
            future = tlsToTargets(thread).openSslConnection(thread, new InetSocketAddress(0), address, opened, null,
                    OptionMap.EMPTY);
        } else {
            future = thread.openStreamConnection(address, opened, null, OptionMap.EMPTY);
        }
        var timer = thread.executeAfter(future::cancel, CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        future.addNotifier((f, attachment) -> {
            timer.remove();
            if (f.getStatus() != IoFuture.Status.DONE) {
                IoUtils.safeClose(client);
            }
        }, null);
    }

    private static ChannelListener<java.nio.channels.Channel> closing() {
        return ChannelListeners.closingChannelListener();
    }

    /** At the end of one direction, the other side is told so (a half-close), once what was copied is written. */
    private static ChannelListener<StreamSinkChannel> shutdownWrites() {
        return ChannelListeners.writeShutdownChannelListener(ChannelListeners.flushingChannelListener(
                ChannelListeners.closingChannelListener(), ChannelListeners.closingChannelExceptionHandler()),
                ChannelListeners.closingChannelExceptionHandler());
    }

    private static <T extends java.nio.channels.Channel> ChannelExceptionHandler<T> closingBoth(StreamConnection a,
                                                                                              StreamConnection b) {
        return (channel, e) -> {
            IoUtils.safeClose(a);
            IoUtils.safeClose(b);
        };
    }

    private UndertowXnioSsl tlsToTargets(XnioIoThread thread) {
        UndertowXnioSsl ssl = toTargets;
        if (ssl == null) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustingEveryTarget()}, null);
                ssl = new UndertowXnioSsl(thread.getWorker().getXnio(), OptionMap.EMPTY, buffers, context);
                toTargets = ssl;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return ssl;
    }

    /** AWS does not check the certificates of targets. */
    private static final class TrustingEveryTarget implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
