package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephStatus;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read a page makes on demand rather than every poll (its cost grows with the cluster): when the
 * page is shown, when the part of the poll it follows changes, and every few polls while shown; one
 * at a time.
 */
final class OnDemandRead<T> {
    private final CephClusterViewModel cluster;
    private final Supplier<String> title;
    private final Function<CephStatus, Object> follows;
    private final Supplier<CompletableFuture<T>> read;
    private final Consumer<T> ok;
    private final Consumer<String> failed;
    private final int every;
    private boolean active;
    private boolean reading;
    private boolean again;
    private boolean done;
    private Object lastFollowed;
    private int lastReadAt = -1;

    /**
     * @param follows what of the poll's status makes the read stale when it changes
     * @param every   polls between reads while shown, even when nothing seems to change
     */
    OnDemandRead(CephClusterViewModel cluster, Supplier<String> title, Function<CephStatus, Object> follows,
                 Supplier<CompletableFuture<T>> read, Consumer<T> ok, Consumer<String> failed, int every) {
        this.cluster = cluster;
        this.title = title;
        this.follows = follows;
        this.read = read;
        this.ok = ok;
        this.failed = failed;
        this.every = every;
        cluster.pollsProperty().addListener(o -> onPoll());
    }

    void setActive(boolean shown) {
        active = shown;
        if (shown && cluster.statusProperty().get() != null) {
            refresh();
        }
    }

    /** Reads now; asked while a read runs, reads once more after it (what it asks for may have changed). */
    void refresh() {
        if (reading) {
            again = true;
            return;
        }
        reading = true;
        lastReadAt = cluster.pollsProperty().get();
        CephStatus s = cluster.statusProperty().get();
        lastFollowed = s == null ? null : follows.apply(s);
        cluster.call(title.get(), read, value -> {
            reading = false;
            done = true;
            ok.accept(value);
            readAgain();
        }, why -> {
            reading = false;
            failed.accept(why);
            readAgain();
        });
    }

    private void readAgain() {
        if (again) {
            again = false;
            refresh();
        }
    }

    private void onPoll() {
        CephStatus s = cluster.statusProperty().get();
        if (!active || s == null) {
            return;
        }
        if (!done || !Objects.equals(follows.apply(s), lastFollowed) || cluster.pollsProperty().get() - lastReadAt >= every) {
            refresh();
        }
    }
}
