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
 * The request budget on a clock the test moves: slots evenly spaced with no 10-second window over a sixth of the
 * per-minute budget (also with calls arriving late), one pause per 429 that stops every call, background work that
 * yields to waiting flows, the signing key counted without waiting. Counts, no timings.
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
    void callsAreEvenlySpacedAndNoTenSecondWindowHoldsMoreThanASixthOfTheMinute() {
        RequestBudget b = budget(600);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            b.acquire();
            sent.add(clock.millis());
        }
        assertThat(maxInWindow(sent, 10_000)).isLessThanOrEqualTo(100);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i) - sent.get(i - 1)).as("spacing").isBetween(105L, 106L);
        }
        // the pace is the budget, less the 5% kept for late arrivals: 1000 calls in 105 s
        assertThat(sent.get(999) - sent.get(0)).isLessThan(106_000);
    }

    @Test
    void callsThatArriveUpToHalfASecondLateStillKeepEveryWindowWithinTheBudget() {
        RequestBudget b = budget(960);
        Random random = new Random(42);
        List<Long> arrived = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            b.acquire();
            arrived.add(clock.millis() + random.nextInt(500));
        }
        arrived.sort(Long::compare);
        assertThat(maxInWindow(arrived, 10_000)).isLessThanOrEqualTo(160);
    }

    @Test
    void aCallWokenLongAfterItsSlotTakesANewOneRatherThanBunchUpWithTheNext() {
        InMemoryLedger memory = new InMemoryLedger(clock);
        AtomicInteger reservations = new AtomicInteger();
        BudgetLedger counting = new BudgetLedger() {
            @Override
            public Reservation reserve(String api, long intervalMicros) {
                reservations.incrementAndGet();
                return memory.reserve(api, intervalMicros);
            }

            @Override
            public long pause(String api, long durationMs) {
                return memory.pause(api, durationMs);
            }
        };
        AtomicInteger naps = new AtomicInteger();
        RequestBudget b = new RequestBudget("ConnectWise", 600, counting, pauses, clock, ms -> {
            clock.millis.addAndGet(ms + (naps.incrementAndGet() == 1 ? 400 : 0)); // the first nap overruns by 400 ms
        });
        b.acquire(); // now: no wait
        b.acquire(); // waits one slot, wakes 400 ms late: takes the next free slot and waits for it
        assertThat(reservations.get()).isEqualTo(3);
        long sent = clock.millis();
        b.acquire();
        assertThat(clock.millis() - sent).as("the pace goes on from the new slot").isBetween(105L, 106L);
    }

    @Test
    void a429PausesEveryCallUntilItsRetryAfterAndThePaceResumesAfterIt() {
        RequestBudget b = budget(600);
        b.acquire();
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
        assertThat(clock.millis()).as("the first slot after the pause").isGreaterThanOrEqualTo(p.until());
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
        for (int i = 0; i < 5; i++) {
            b.acquire(); // the ledger's next slot is now one interval ahead
        }
        int before = sleeps.get();
        long at = clock.millis();
        RequestBudget.withoutWaiting(() -> {
            b.acquire();
            return null;
        });
        assertThat(sleeps.get()).isEqualTo(before);
        assertThat(clock.millis()).isEqualTo(at);
        b.acquire();
        assertThat(clock.millis() - at).as("the next call waits one more slot: the key was counted")
                .isBetween(2 * 105L, 2 * 106L);
    }

    @Test
    void unpacedCallsNeverTouchTheLedger() {
        BudgetLedger refuses = new BudgetLedger() {
            @Override
            public Reservation reserve(String api, long intervalMicros) {
                throw new AssertionError("reserved while unpaced");
            }

            @Override
            public long pause(String api, long durationMs) {
                return durationMs;
            }
        };
        RequestBudget b = new RequestBudget("Field Nation", 0, refuses, pauses, clock);
        for (int i = 0; i < 100; i++) {
            b.acquire();
        }
        assertThat(b.waiting()).isZero();
    }

    @Test
    void backgroundWorkTakesASlotOnlyWhenNoFlowCallWaitsForOne() throws Exception {
        List<String> reservedBy = new CopyOnWriteArrayList<>();
        InMemoryLedger memory = new InMemoryLedger(Clock.systemUTC());
        BudgetLedger recording = new BudgetLedger() {
            @Override
            public Reservation reserve(String api, long intervalMicros) {
                reservedBy.add(Thread.currentThread().getName());
                return memory.reserve(api, intervalMicros);
            }

            @Override
            public long pause(String api, long durationMs) {
                return memory.pause(api, durationMs);
            }
        };
        memory.reserve("ConnectWise", 60_000_000); // the next free slot a minute ahead: every call below waits
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger flowsSleeping = new AtomicInteger();
        RequestBudget b = new RequestBudget("ConnectWise", 6_000_000, recording, new Pauses(Clock.systemUTC()),
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
        await().atMost(Duration.ofSeconds(10)).until(() -> flowsSleeping.get() == 2);
        Thread bg = new Thread(() -> RequestBudget.background(() -> {
            b.acquire();
            return null;
        }), "background");
        bg.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> bg.getState() == Thread.State.TIMED_WAITING);
        Thread f3 = new Thread(b::acquire, "flow-3");
        f3.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> flowsSleeping.get() == 3);
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
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> budget(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 (unpaced) or more");
    }
}
