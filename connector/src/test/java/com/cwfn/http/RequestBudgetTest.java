package com.cwfn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.cwfn.pause.Pause;
import com.cwfn.pause.Pauses;
import com.cwfn.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The request budget on a clock the test moves: a burst within the window's share goes at once, no 10-second window
 * over a sixth of the per-minute budget (also with calls arriving late, and under a long burst, whose pace is then
 * the window's), one pause per 429 that stops every call, background work that yields to waiting flows, the signing
 * key counted without waiting, a changed budget adapting the ledger without a window over either. Counts, no
 * timings.
 */
class RequestBudgetTest {
    final TestClock clock = new TestClock(1_700_000_000_000L);
    final Pauses pauses = new Pauses(clock);
    final AtomicInteger sleeps = new AtomicInteger();

    RequestBudget budget(int perMinute) {
        return new RequestBudget("ConnectWise", perMinute, new InMemoryLedger(clock), pauses, clock, ms -> {
            sleeps.incrementAndGet();
            clock.millis.addAndGet(ms);
        });
    }

    static int maxInWindow(List<Long> times, long windowMs) {
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= windowMs) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    @Test
    void aBurstWithinTheWindowGoesAtOnce() {
        RequestBudget b = budget(600);
        assertThat(b.burst()).as("the window's share: a sixth of the minute").isEqualTo(100);
        long at = clock.millis();
        for (int i = 0; i < 100; i++) {
            b.acquire();
        }
        assertThat(sleeps.get()).as("no call of the burst waited").isZero();
        assertThat(clock.millis()).isEqualTo(at);
        b.acquire();
        assertThat(clock.millis() - at).as("the 101st waits for the first slot to be free again: 10 s + 0.5 s")
                .isEqualTo(10_500);
    }

    @Test
    void underALongBurstNoTenSecondWindowHoldsMoreThanASixthOfTheMinute() {
        RequestBudget b = budget(600);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            b.acquire();
            sent.add(clock.millis());
        }
        assertThat(maxInWindow(sent, 10_000)).isEqualTo(100);
        assertThat(maxInWindow(sent, 10_500)).as("nor any 10.5 s: the half second kept for late arrivals")
                .isEqualTo(100);
        // the pace is the window's: 100 calls every 10.5 s, 1000 calls in 9 × 10.5 s
        assertThat(sent.get(999) - sent.get(0)).isEqualTo(94_500);
        assertThat(sleeps.get()).as("one wait per window after the first: its other calls go with the first")
                .isEqualTo(9);
    }

    @Test
    void callsThatArriveUpToHalfASecondLateStillKeepEveryWindowWithinTheBudget() {
        RequestBudget b = budget(960);
        Random random = new Random(42);
        List<Long> arrived = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            b.acquire();
            arrived.add(clock.millis() + random.nextInt(500));
            clock.millis.addAndGet(random.nextInt(60)); // callers come at their own times, sometimes in bursts
        }
        arrived.sort(Long::compare);
        assertThat(maxInWindow(arrived, 10_000)).isLessThanOrEqualTo(160);
    }

    @Test
    void aCallAnsweredLateHoldsItsSlotAWindowPastItsAnswer() {
        RequestBudget b = budget(600);
        long at = clock.millis();
        int first = b.acquire();
        for (int i = 1; i < 100; i++) {
            b.answered(b.acquire()); // answered at once: free again 10.5 s after the call
        }
        clock.millis.addAndGet(3_000);
        b.answered(first); // the first call's answer took 3 s: it may have reached the server that late
        b.acquire();
        assertThat(clock.millis() - at).as("its slot is free a window after that answer, not 10.5 s after the call")
                .isEqualTo(13_000);
    }

    @Test
    void aLedgerThatCannotHoldASlotPastItsAnswerLeavesTheCallAlone() {
        InMemoryLedger memory = new InMemoryLedger(clock);
        BudgetLedger failing = new BudgetLedger() {
            @Override
            public Reservation reserve(String api, int burst, long reuseMicros) {
                return memory.reserve(api, burst, reuseMicros);
            }

            @Override
            public void answered(String api, int burst, int slot, long windowMicros) {
                throw new IllegalStateException("the database does not answer");
            }

            @Override
            public long pause(String api, long durationMs) {
                return memory.pause(api, durationMs);
            }
        };
        RequestBudget b = new RequestBudget("ConnectWise", 600, failing, pauses, clock, ms -> clock.millis.addAndGet(ms));
        long at = clock.millis();
        for (int i = 0; i < 101; i++) {
            b.answered(b.acquire()); // does not throw
        }
        assertThat(clock.millis() - at).as("the slots keep their 10.5 s").isEqualTo(10_500);
    }

    @Test
    void aBudgetBelowSixAMinuteStillKeepsTheMinute() {
        RequestBudget b = budget(4);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            b.acquire();
            sent.add(clock.millis());
        }
        assertThat(b.burst()).isEqualTo(1);
        assertThat(maxInWindow(sent, 60_000)).isLessThanOrEqualTo(4);
    }

    @Test
    void aCallWokenLongAfterItsSlotTakesANewOneRatherThanBunchUpWithTheNext() {
        InMemoryLedger memory = new InMemoryLedger(clock);
        AtomicInteger reservations = new AtomicInteger();
        BudgetLedger counting = new BudgetLedger() {
            @Override
            public Reservation reserve(String api, int burst, long reuseMicros) {
                reservations.incrementAndGet();
                return memory.reserve(api, burst, reuseMicros);
            }

            @Override
            public void answered(String api, int burst, int slot, long windowMicros) {
                memory.answered(api, burst, slot, windowMicros);
            }

            @Override
            public long pause(String api, long durationMs) {
                return memory.pause(api, durationMs);
            }
        };
        AtomicInteger naps = new AtomicInteger();
        RequestBudget b = new RequestBudget("ConnectWise", 60, counting, pauses, clock, ms -> {
            clock.millis.addAndGet(ms + (naps.incrementAndGet() == 1 ? 400 : 0)); // the first nap overruns by 400 ms
        });
        for (int i = 0; i < 10; i++) {
            b.acquire(); // the window's 10 slots: no wait
        }
        long start = clock.millis();
        b.acquire(); // waits for the first slot, wakes 400 ms late: takes the next slot and waits for it
        assertThat(reservations.get()).as("a second slot taken on waking late").isEqualTo(12);
        assertThat(clock.millis() - start).as("that slot was free: the call went when it woke").isEqualTo(10_900);
    }

    @Test
    void a429PausesEveryCallUntilItsRetryAfterAndThePaceResumesAfterIt() {
        RequestBudget b = budget(600);
        for (int i = 0; i < 100; i++) {
            b.acquire(); // a window full: the calls after the pause wait for their slots as before it
        }
        RemoteCallException answer = new RemoteCallException("ConnectWise", "GET /service/tickets/1", 429, 3, "", null);
        Pause p = b.throttled(3, answer);
        long start = clock.millis();
        assertThat(p.until() - start).as("Retry-After 3 s plus up to 20% jitter").isBetween(3000L, 3600L);
        assertThat(p.getCause()).isSameAs(answer);
        int before = sleeps.get();
        assertThatThrownBy(b::acquire).isInstanceOf(Pause.class);
        assertThatThrownBy(() -> RequestBudget.withoutWaiting(() -> {
            b.acquire();
            return null;
        })).isInstanceOf(Pause.class);
        assertThat(sleeps.get()).as("a paused call does not wait on its claim").isEqualTo(before);
        clock.millis.set(p.until());
        b.acquire();
        assertThat(clock.millis() - start).as("after the pause, the window still counts the calls before it")
                .isEqualTo(10_500);
    }

    @Test
    void aRetryAfterOfZeroOrNoneStillPausesForAtLeastOneSecond() {
        RequestBudget b = budget(0);
        RemoteCallException answer = new RemoteCallException("ConnectWise", "GET /x", 429, null, "", null);
        long start = clock.millis();
        assertThat(b.throttled(null, answer).until() - start).isBetween(1000L, 1200L);
        clock.millis.addAndGet(2000);
        assertThat(b.throttled(0, answer).until() - clock.millis()).isBetween(1000L, 1200L);
        assertThatThrownBy(b::acquire).as("unpaced calls meet the pause too").isInstanceOf(Pause.class);
    }

    @Test
    void theSigningKeyIsCountedButNeverWaits() {
        RequestBudget b = budget(600);
        for (int i = 0; i < 100; i++) {
            b.acquire(); // the window is full: a flow call now waits 10.5 s
        }
        int before = sleeps.get();
        long at = clock.millis();
        RequestBudget.withoutWaiting(() -> {
            b.acquire();
            return null;
        });
        assertThat(sleeps.get()).isEqualTo(before);
        assertThat(clock.millis()).isEqualTo(at);
        for (int i = 0; i < 100; i++) {
            b.acquire();
        }
        assertThat(clock.millis() - at).as("the key took a slot of the next window: its 100th call waits for the "
                + "window after").isEqualTo(21_000);
        assertThat(sleeps.get() - before).isEqualTo(2);
    }

    @Test
    void unpacedCallsNeverTouchTheLedger() {
        BudgetLedger refuses = new BudgetLedger() {
            @Override
            public Reservation reserve(String api, int burst, long reuseMicros) {
                throw new AssertionError("reserved while unpaced");
            }

            @Override
            public void answered(String api, int burst, int slot, long windowMicros) {
                throw new AssertionError("answered while unpaced");
            }

            @Override
            public long pause(String api, long durationMs) {
                return durationMs;
            }
        };
        RequestBudget b = new RequestBudget("Field Nation", 0, refuses, pauses, clock);
        for (int i = 0; i < 100; i++) {
            b.answered(b.acquire());
        }
        assertThat(b.waiting()).isZero();
    }

    @Test
    void backgroundWorkTakesASlotOnlyWhenNoFlowCallWaitsForOne() throws Exception {
        List<String> reservedBy = new CopyOnWriteArrayList<>();
        InMemoryLedger memory = new InMemoryLedger(Clock.systemUTC());
        BudgetLedger recording = new BudgetLedger() {
            @Override
            public Reservation reserve(String api, int burst, long reuseMicros) {
                reservedBy.add(Thread.currentThread().getName());
                return memory.reserve(api, burst, reuseMicros);
            }

            @Override
            public void answered(String api, int burst, int slot, long windowMicros) {
                memory.answered(api, burst, slot, windowMicros);
            }

            @Override
            public long pause(String api, long durationMs) {
                return memory.pause(api, durationMs);
            }
        };
        memory.reserve("ConnectWise", 1, 60_000_000); // the only slot free again in a minute: every call below waits
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger flowsSleeping = new AtomicInteger();
        RequestBudget b = new RequestBudget("ConnectWise", 6, recording, new Pauses(Clock.systemUTC()),
                Clock.systemUTC(), ms -> {
                    if (Thread.currentThread().getName().startsWith("flow")) {
                        flowsSleeping.incrementAndGet();
                        release.await();
                    } // the background thread's wait is not waited for here

                });
        Thread f1 = new Thread(b::acquire, "flow-1");
        Thread f2 = new Thread(b::acquire, "flow-2");
        f1.start();
        f2.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> flowsSleeping.get() == 2);
        Thread bg = new Thread(() -> RequestBudget.background(() -> {
            b.acquire();
            return null;
        }), "background");
        bg.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> bg.getState() == Thread.State.TIMED_WAITING);
        Thread f3 = new Thread(b::acquire, "flow-3");
        f3.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> flowsSleeping.get() == 3);
        assertThat(reservedBy).as("no background slot while flows wait").containsExactlyInAnyOrder("flow-1", "flow-2",
                "flow-3");
        assertThat(b.waiting()).isEqualTo(4);
        release.countDown();
        for (Thread t : List.of(f1, f2, f3, bg)) {
            t.join(10_000);
        }
        assertThat(reservedBy).hasSize(4).last().isEqualTo("background");
        assertThat(b.waiting()).isZero();
    }

    @Test
    void backgroundWorkSitsAPauseOut() {
        RequestBudget b = budget(600);
        Pause p = b.throttled(2, new RemoteCallException("ConnectWise", "GET /x", 429, 2, "", null));
        RequestBudget.background(() -> {
            b.acquire();
            return null;
        });
        assertThat(clock.millis()).isGreaterThanOrEqualTo(p.until());
    }

    @Test
    void aChangedBudgetNeverLetsAWindowHoldMoreThanEitherAllows() {
        InMemoryLedger memory = new InMemoryLedger(clock);
        List<Long> sent = new ArrayList<>();
        for (int perMinute : new int[] {600, 1200, 300, 600}) {
            RequestBudget b = new RequestBudget("ConnectWise", perMinute, memory, pauses, clock,
                    ms -> clock.millis.addAndGet(ms));
            for (int i = 0; i < 250; i++) {
                b.acquire();
                sent.add(clock.millis());
            }
        }
        assertThat(maxInWindow(sent, 10_000)).as("a window never holds more than the larger share").isLessThanOrEqualTo(
                200);
        assertThat(maxInWindow(sent.subList(500, 750), 10_000)).as("the smaller share, once it applies")
                .isLessThanOrEqualTo(50);
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> budget(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 (unpaced) or more");
    }
}
