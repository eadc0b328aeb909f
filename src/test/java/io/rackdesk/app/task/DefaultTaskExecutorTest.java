package io.rackdesk.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.testsupport.UiQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DefaultTaskExecutorTest {

    @Test
    void callbacksRunOnTheUiThreadNotOnTheWorker() {
        UiQueue ui = new UiQueue();
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
        List<String> log = new ArrayList<>();
        try (SerialWorker w = new SerialWorker("cb")) {
            tasks.execute(BackgroundTask.on(w, "read", Duration.ofSeconds(5), () -> Thread.currentThread().getName())
                    .onSuccess(worker -> log.add("ran on " + worker + ", callback on " + Thread.currentThread().getName()))
                    .onFinished(() -> log.add("finished")));
            ui.pumpUntil(() -> log.size() == 2, "callbacks");
        }
        assertEquals(List.of("ran on rackdesk-worker-cb, callback on " + Thread.currentThread().getName(), "finished"), log);
    }

    @Test
    void failuresArriveUnwrappedAndListenersSeeStartAndEnd() {
        DefaultTaskExecutor tasks = DefaultTaskExecutor.sameThread();
        List<String> events = new ArrayList<>();
        tasks.addListener(new TaskListener() {
            @Override
            public void started(String title) {
                events.add("start " + title);
            }

            @Override
            public void finished(String title, Throwable error) {
                events.add("end " + title + (error == null ? "" : " " + error.getMessage()));
            }
        });
        List<Throwable> failures = new ArrayList<>();
        tasks.execute(BackgroundTask.async("connect",
                () -> CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("refused"))))
                .onFailure(failures::add));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0) instanceof IllegalStateException, "unwrapped: " + failures.get(0));
        assertEquals(List.of("start connect", "end connect refused"), events);
    }

    @Test
    void aTaskWhoseStartThrowsStillReportsTheFailure() {
        DefaultTaskExecutor tasks = DefaultTaskExecutor.sameThread();
        List<String> seen = new ArrayList<>();
        tasks.execute(BackgroundTask.<String>async("bad", () -> {
            throw new IllegalArgumentException("bad URI");
        }).onFailure(e -> seen.add(e.getMessage())));
        assertEquals(List.of("bad URI"), seen);
    }
}
