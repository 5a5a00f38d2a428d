package dev.jwal.core.write;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ParkedWaiterTest {

    @Test
    void aWaiterReturnsOnceReleasedAndUnparked() throws Exception {
        Parked parked = Parked.start();

        parked.waiter.markReleased();
        ParkedWaiter.unparkAll(List.of(parked.waiter));

        assertThat(parked.hasReturned()).isTrue();
    }

    @Test
    void anUnparkWithoutAReleaseDoesNotEndTheWait() throws Exception {
        Parked parked = Parked.start();

        LockSupport.unpark(parked.thread);
        Thread.sleep(50); // time to return, were it to
        parked.awaitParked();
        assertThat(parked.thread.isAlive()).isTrue();

        parked.waiter.markReleased();
        LockSupport.unpark(parked.thread);
        assertThat(parked.hasReturned()).isTrue();
    }

    @Test
    void anInterruptDoesNotEndTheWaitAndIsKeptAfterIt() throws Exception {
        Parked parked = Parked.start();

        parked.thread.interrupt();
        Thread.sleep(50); // time to return, were it to
        parked.awaitParked();
        assertThat(parked.thread.isAlive()).isTrue();

        parked.waiter.markReleased();
        ParkedWaiter.unparkAll(List.of(parked.waiter));
        assertThat(parked.hasReturned()).isTrue();
        assertThat(parked.interruptedAfter).isTrue();
    }

    @Test
    void aWaiterReleasedBeforeItParksDoesNotPark() {
        ParkedWaiter waiter = new ParkedWaiter();
        waiter.markReleased();
        ParkedWaiter.unparkAll(List.of(waiter));

        waiter.await(); // returns at once: the test would hang otherwise

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    /** A thread parked in {@link ParkedWaiter#await} on its own waiter. */
    private static final class Parked {
        final AtomicBoolean interruptedAfter = new AtomicBoolean();
        final Thread thread;
        final ParkedWaiter waiter;

        private Parked() throws Exception {
            CompletableFuture<ParkedWaiter> registered = new CompletableFuture<>();
            thread = new Thread(() -> {
                ParkedWaiter mine = new ParkedWaiter();
                registered.complete(mine);
                mine.await();
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
            thread.start();
            waiter = registered.get(10, TimeUnit.SECONDS);
        }

        static Parked start() throws Exception {
            Parked parked = new Parked();
            parked.awaitParked();
            return parked;
        }

        /** Until the thread is parked in {@link ParkedWaiter#await}. */
        void awaitParked() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(thread.getState() == Thread.State.WAITING && LockSupport.getBlocker(thread) instanceof ParkedWaiter)) {
                assertThat(System.nanoTime()).as("thread parked in time").isLessThan(deadline);
                Thread.sleep(1);
            }
        }

        /** Whether the thread returned from the wait within ten seconds. */
        boolean hasReturned() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            return !thread.isAlive();
        }
    }
}
