package dev.jwal.core.write;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ParkedWaiterTest {

    @Test
    void aWaiterReturnsOnceReleasedAndUnparked() throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        ParkedWaiter[] waiter = new ParkedWaiter[1];
        Thread thread = new Thread(() -> {
            waiter[0] = new ParkedWaiter();
            registered.countDown();
            waiter[0].await();
        });
        thread.start();
        registered.await();
        waitUntilParked(thread);

        waiter[0].markReleased();
        ParkedWaiter.unparkAll(List.of(waiter[0]));

        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void anUnparkWithoutAReleaseDoesNotEndTheWait() throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        ParkedWaiter[] waiter = new ParkedWaiter[1];
        Thread thread = new Thread(() -> {
            waiter[0] = new ParkedWaiter();
            registered.countDown();
            waiter[0].await();
        });
        thread.start();
        registered.await();
        waitUntilParked(thread);

        LockSupport.unpark(thread);
        Thread.sleep(50); // time to return, were it to
        waitUntilParked(thread);
        assertThat(thread.isAlive()).isTrue();

        waiter[0].markReleased();
        LockSupport.unpark(thread);
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void anInterruptDoesNotEndTheWaitAndIsKeptAfterIt() throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        ParkedWaiter[] waiter = new ParkedWaiter[1];
        Thread thread = new Thread(() -> {
            waiter[0] = new ParkedWaiter();
            registered.countDown();
            waiter[0].await();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        thread.start();
        registered.await();
        waitUntilParked(thread);

        thread.interrupt();
        Thread.sleep(50); // time to return, were it to
        waitUntilParked(thread);
        assertThat(thread.isAlive()).isTrue();

        waiter[0].markReleased();
        ParkedWaiter.unparkAll(List.of(waiter[0]));
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
        assertThat(interruptedAfter).isTrue();
    }

    @Test
    void aWaiterReleasedBeforeItParksDoesNotPark() {
        ParkedWaiter waiter = new ParkedWaiter();
        waiter.markReleased();
        ParkedWaiter.unparkAll(List.of(waiter));

        waiter.await(); // returns at once: the test would hang otherwise

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    /** Until {@code thread} is parked in {@link ParkedWaiter#await}. */
    private static void waitUntilParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(thread.getState() == Thread.State.WAITING && LockSupport.getBlocker(thread) instanceof ParkedWaiter)) {
            assertThat(System.nanoTime()).as("thread parked in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
