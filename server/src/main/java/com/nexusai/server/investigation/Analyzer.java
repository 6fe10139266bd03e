package com.nexusai.server.investigation;

import java.util.List;

/**
 * Reads live evidence and says what it finds, in plain code: no model decides a cause. An analyzer that finds
 * nothing wrong answers an empty list; one that cannot read its evidence throws, and the investigation says so.
 */
interface Analyzer {

    /** What it reads ("PostgreSQL's sessions"), for the finding that says it could not. */
    Said reads();

    List<Found> analyze(Signals signals) throws Exception;
}
