package io.rackdesk.views;

import io.rackdesk.app.cli.RackdeskCommand;
import io.rackdesk.app.platform.StartupTrace;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The jar's entry point. It is not an Application subclass, so JavaFX can load from the class path;
 * the command line decides between a subcommand and the GUI.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        Charset cs = Charset.defaultCharset();
        int code = RackdeskCommand.run(args, RackdeskApp::launch,
                new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true));
        System.exit(code);
    }
}
