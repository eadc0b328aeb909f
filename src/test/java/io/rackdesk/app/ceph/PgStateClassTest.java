package io.rackdesk.app.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgStateClassTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "active+clean, CLEAN",
        "clean+active, CLEAN",
        "active, BUSY",
        "peering, BUSY",
        "activating, BUSY",
        "active+clean+scrubbing, BUSY",
        "active+clean+scrubbing+deep, BUSY",
        "active+remapped+backfilling, BUSY",
        "active+recovering, BUSY",
        "active+recovery_wait, BUSY",
        "active+clean+snaptrim, BUSY",
        "creating, BUSY",
        "active+clean+some_future_flag, BUSY",
        "active+undersized, WARNING",
        "active+undersized+degraded, WARNING",
        "active+recovering+degraded, WARNING",
        "active+remapped+backfill_wait+degraded, WARNING",
        "unknown, WARNING",
        "stale+active+clean, CRITICAL",
        "active+clean+inconsistent, CRITICAL",
        "incomplete, CRITICAL",
        "down, CRITICAL",
        "undersized+degraded+peered, CRITICAL",
        "active+remapped+backfill_toofull, CRITICAL",
        "active+recovery_toofull+degraded, CRITICAL",
        "active+recovery_unfound+undersized+degraded, CRITICAL",
        "active+backfill_unfound, CRITICAL",
        "stale+undersized+degraded+peered, CRITICAL"})
    void aPgCountsInTheWorstClassItsStateContains(String state, PgStateClass expected) {
        assertEquals(expected, PgStateClass.of(state));
    }

    @ParameterizedTest
    @CsvSource({"ACTIVE+CLEAN, CLEAN", "' active + clean ', CLEAN", "'', WARNING"})
    void caseAndSpacesDoNotMatterAndAnEmptyStateIsAWarning(String state, PgStateClass expected) {
        assertEquals(expected, PgStateClass.of(state));
    }
}
