package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches several Ceph clusters at once, one worker thread per cluster. Each worker connects, then
 * polls every interval (default 5 s) with summaries only: {@code status}, {@code df}, {@code pg dump
 * summary} for the live rates, and {@code osd pool ls detail} only when the OSD map changed. A failed
 * connection or poll disconnects and retries with a growing delay (1 s doubling up to 60 s). Every
 * call is bounded by the target's timeout (librados' own timeouts, set on connect), so a worker never
 * hangs on a dead cluster. Listeners are called on the cluster's worker thread: hand the state on.
 */
public final class CephClusterService implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(CephClusterService.class);

    /** Opens a connection; tests swap it. */
    interface Connector {
        CephClient connect(CephTarget target) throws CephException;
    }

    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Connector connector;

    public CephClusterService() {
        this(CephClient::connect);
    }

    CephClusterService(Connector connector) {
        this.connector = connector;
    }

    /** Starts watching a cluster under a unique name; {@code listener} gets every new state. */
    public synchronized void add(String name, CephTarget target, Duration interval, Consumer<CephClusterState> listener) {
        Objects.requireNonNull(target);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the polling interval must be positive");
        }
        if (clusters.containsKey(name)) {
            throw new IllegalArgumentException("a cluster named '" + name + "' is already watched");
        }
        Cluster c = new Cluster(name, target, interval, listener);
        clusters.put(name, c);
        c.start();
    }

    /** Stops watching a cluster and closes its connection (on its worker, after a poll in flight). */
    public synchronized void remove(String name) {
        Cluster c = clusters.remove(name);
        if (c != null) {
            c.close();
        }
    }

    public synchronized List<String> names() {
        return List.copyOf(clusters.keySet());
    }

    /** Mutes a health check on a watched cluster; the next poll shows it muted. */
    public CompletableFuture<Void> mute(String name, String code, Duration ttl, boolean sticky) {
        return cluster(name).call(of(client -> CephHealth.mute(client, code, ttl, sticky)));
    }

    public CompletableFuture<Void> unmute(String name, String code) {
        return cluster(name).call(of(client -> CephHealth.unmute(client, code)));
    }

    /** Work on a watched cluster's connection, e.g. {@code client -> new RbdImages(client).list("rbd", false)}. */
    @FunctionalInterface
    public interface ClientFunction<T> {
        T apply(CephClient client) throws CephException;
    }

    /**
     * Runs {@code call} on the cluster's worker, between polls, on its connection; the future fails
     * with a {@link CephException} when the cluster is not connected or the call fails. librados'
     * timeouts (the target's, set on connect) bound each operation the call makes; a long call (an
     * RBD flatten) holds the next poll back until it ends.
     */
    public <T> CompletableFuture<T> submit(String name, ClientFunction<T> call) {
        return cluster(name).call(call);
    }

    private synchronized Cluster cluster(String name) {
        Cluster c = clusters.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no cluster named '" + name + "'");
        }
        return c;
    }

    @Override
    public synchronized void close() {
        clusters.values().forEach(Cluster::close);
        clusters.clear();
    }

    interface ClientCall {
        void run(CephClient client) throws CephException;
    }

    private static ClientFunction<Void> of(ClientCall call) {
        return client -> {
            call.run(client);
            return null;
        };
    }

    /** One cluster's worker: all its librados calls run on its thread, one at a time. */
    private final class Cluster {
        private final String name;
        private final CephTarget target;
        private final Duration interval;
        private final Consumer<CephClusterState> listener;
        private final ScheduledExecutorService worker;
        private CephClient client;
        private CephStatus lastStatus;
        private long poolsEpoch = -1;
        private JsonNode pools;
        private CephRates.Counters lastCounters;
        private CephRates rates = CephRates.UNKNOWN;
        private Duration retry = FIRST_RETRY;
        private volatile boolean closed;

        Cluster(String name, CephTarget target, Duration interval, Consumer<CephClusterState> listener) {
            this.name = name;
            this.target = target;
            this.interval = interval;
            this.listener = listener;
            this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rackdesk-ceph-" + name);
                t.setDaemon(true);
                return t;
            });
        }

        void start() {
            worker.execute(this::tick);
        }

        private void tick() {
            if (closed) {
                return;
            }
            try {
                if (client == null) {
                    publish(CephClusterState.Phase.CONNECTING, null, null);
                    client = connector.connect(target);
                    retry = FIRST_RETRY;
                }
                poll();
                publish(CephClusterState.Phase.CONNECTED, null, null);
                schedule(interval);
            } catch (CephException | RuntimeException e) {
                LOG.info("Ceph cluster {}: {}", name, e.getMessage());
                disconnect();
                Duration wait = retry;
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
                publish(CephClusterState.Phase.DISCONNECTED, e.getMessage(), wait);
                schedule(wait);
            }
        }

        private void poll() throws CephException {
            JsonNode status = client.monCommand(CephClient.command("status"));
            long epoch = status.path("osdmap").path("epoch").asLong(-1);
            if (pools == null || epoch != poolsEpoch || epoch < 0) {
                pools = client.monCommand(CephClient.command("osd pool ls").put("detail", "detail"));
                poolsEpoch = epoch;
            }
            JsonNode df = client.monCommand(CephClient.command("df"));
            lastStatus = CephStatusParser.parse(status, pools, df);
            var summary = CephClient.command("pg dump");
            summary.putArray("dumpcontents").add("summary");
            CephRates.Counters counters = CephRates.counters(client.monCommand(summary));
            if (lastCounters != null) {
                CephRates r = CephRates.between(lastCounters, counters);
                if (r != null) {
                    rates = r;
                }
            }
            if (lastCounters == null || !counters.stamp().equals(lastCounters.stamp())) {
                lastCounters = counters;
            }
        }

        private void publish(CephClusterState.Phase phase, String error, Duration retryIn) {
            if (closed) {
                return;
            }
            try {
                listener.accept(new CephClusterState(name, phase, lastStatus, rates, error, retryIn, Instant.now()));
            } catch (RuntimeException e) {
                LOG.warn("Ceph cluster {}: a listener failed", name, e);
            }
        }

        private void schedule(Duration delay) {
            try {
                worker.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }

        private void disconnect() {
            if (client != null) {
                client.close();
                client = null;
            }
            lastCounters = null;
            rates = CephRates.UNKNOWN;
            pools = null;
        }

        <T> CompletableFuture<T> call(ClientFunction<T> call) {
            CompletableFuture<T> f = new CompletableFuture<>();
            try {
                worker.execute(() -> {
                    try {
                        if (client == null) {
                            throw new CephException(CephException.Kind.OTHER, -107, "not connected to " + name);
                        }
                        f.complete(call.apply(client));
                    } catch (CephException | RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                f.completeExceptionally(new CephException(CephException.Kind.OTHER, -108, "cluster " + name + " is closed"));
            }
            return f;
        }

        /** Disconnects on the worker (after a poll in flight) and tells the listener, once. */
        void close() {
            closed = true;
            try {
                worker.execute(() -> {
                    disconnect();
                    try {
                        listener.accept(new CephClusterState(name, CephClusterState.Phase.CLOSED, lastStatus, CephRates.UNKNOWN,
                                null, null, Instant.now()));
                    } catch (RuntimeException e) {
                        LOG.warn("Ceph cluster {}: a listener failed", name, e);
                    }
                });
            } catch (RejectedExecutionException e) {
                // already shut down
            }
            worker.shutdown();
        }
    }
}
