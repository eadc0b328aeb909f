package io.rackdesk.bench;

import io.rackdesk.testsupport.FixtureGenerator;
import java.nio.file.Path;

/**
 * Writes the fleet benchmark's generated test-driver host to a folder and prints its test:/// URI on
 * stdout, so other tools (virt-manager in scripts/bench-virt-manager.sh) can open the very fixture
 * {@link FleetBench} measures: {@code WriteFixture DIR VMS SEED}, where FleetBench's host i is
 * {@code Options.of(VMS, 1000 + i)}.
 */
public final class WriteFixture {
    private WriteFixture() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("Usage: WriteFixture DIR VMS SEED");
            System.exit(2);
        }
        FixtureGenerator.Fixture fixture = FixtureGenerator.write(Path.of(args[0]),
                FixtureGenerator.Options.of(Integer.parseInt(args[1]), Long.parseLong(args[2])));
        System.out.println(fixture.uri());
    }
}
