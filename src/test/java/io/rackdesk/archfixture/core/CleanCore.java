package io.rackdesk.archfixture.core;

/** Keeps the core rule: plain Java only. */
public class CleanCore {
    public String name() {
        return "ok";
    }
}
