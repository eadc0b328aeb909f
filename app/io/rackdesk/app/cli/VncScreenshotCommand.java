package io.rackdesk.app.cli;

import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.libvirt.VncConsoleOpener;
import io.rackdesk.app.libvirt.VncConsoles;
import io.rackdesk.app.ssh.SshTunnels;
import io.rackdesk.app.vnc.Encodings;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncScreenshot;
import io.rackdesk.app.vnc.VncTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code rackdesk vnc-screenshot}: one full frame from a VNC server, as PNG. */
@Command(name = "vnc-screenshot",
        mixinStandardHelpOptions = true,
        customSynopsis = {
            "Usage: rackdesk vnc-screenshot [OPTIONS] TARGET OUT.png",
            "   or: rackdesk vnc-screenshot [OPTIONS] --connect URI --domain NAME OUT.png"},
        description = {
            "Connects to a VNC server, requests one full update and writes the screen as PNG.",
            "TARGET is host:port (there a port below 100 is a display number: host:1 is port 5901), vnc://host:port, "
                + "ws://host:port[/path] or wss://host:port[/path] (a WebSocket port, as noVNC uses).",
            "With --connect and --domain, the VM's console is looked up in its live libvirt XML (port, listen "
                + "address, password) and reached directly or, when it listens on the host's loopback behind a "
                + "qemu+ssh (or qemu+libssh) URI, through an SSH tunnel: the URI's user and port, its keyfile= "
                + "(default ~/.ssh/id_ed25519, id_ecdsa, id_rsa) and known_hosts= (default ~/.ssh/known_hosts), "
                + "which must list the host's key."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the PNG was written",
            "1:the connection, authentication or decoding failed, or timed out (one line on stderr)",
            "2:invalid arguments"})
public final class VncScreenshotCommand implements Callable<Integer> {
    public static final int DEFAULT_TIMEOUT_SECONDS = 15;

    @Parameters(index = "0", paramLabel = "TARGET",
            description = "host:port, vnc://host:port, ws://host:port[/path] or wss://host:port[/path] "
                    + "(with --domain: OUT.png).")
    String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT.png", description = "Where to write the PNG.")
    String second;

    @Option(names = "--connect", paramLabel = "URI", converter = InventoryCommand.LibvirtUri.class,
            description = "A libvirt URI whose VM --domain names the console to capture.")
    String connectUri;

    @Option(names = "--domain", paramLabel = "NAME", description = "The running VM whose VNC console to capture (with --connect).")
    String domain;

    @Option(names = "--encoding", paramLabel = "ENCODING", converter = EncodingName.class,
            description = "Offer only this encoding (plus Raw, the protocol's fallback): raw, copyrect, hextile, zlib, zrle, "
                    + "tight or tightpng. Default: all of them, ZRLE first.")
    Integer encoding;

    @Option(names = "--jpeg-quality", paramLabel = "0-9",
            description = "Let Tight send JPEG at this quality (lossy). Default: lossless only.")
    Integer jpegQuality;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the VNC password from FILE (its first line), for VNC authentication and VeNCrypt X509Vnc.")
    Path passwordFile;

    @Option(names = "--username", paramLabel = "USER",
            description = "User name for VeNCrypt X509Plain (the password comes from --password-file).")
    String username;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM CA certificate that must have signed the server's certificate (VeNCrypt, wss://).")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM client certificate, for servers that verify clients.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The client certificate's unencrypted PEM key (PKCS#8 or RSA PKCS#1).")
    Path tlsKey;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
            converter = InventoryCommand.PositiveSeconds.class,
            description = "Give up when the screen has not arrived after SECONDS (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String me = spec.qualifiedName();
        VncTarget target = null;
        VncConsoles.Plan plan = null;
        SshTunnels tunnels = null;
        Path output;
        if (connectUri != null || domain != null) {
            if (connectUri == null || domain == null) {
                throw new ParameterException(spec.commandLine(), "--connect and --domain go together");
            }
            if (second != null) {
                throw new ParameterException(spec.commandLine(), "with --domain give only OUT.png, not a TARGET");
            }
            output = Path.of(first);
        } else {
            if (second == null) {
                throw new ParameterException(spec.commandLine(), "missing OUT.png (or --connect URI --domain NAME)");
            }
            try {
                target = VncTarget.parse(first);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "TARGET " + e.getMessage());
            }
            output = Path.of(second);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if ((tlsCert != null || target != null && target.scheme() == VncTarget.Scheme.WSS) && tlsCa == null) {
            throw new ParameterException(spec.commandLine(),
                    tlsCert != null ? "--tls-cert needs --tls-ca" : "wss:// needs --tls-ca (the CA that signed the server's certificate)");
        }
        if (jpegQuality != null && (jpegQuality < 0 || jpegQuality > 9)) {
            throw new ParameterException(spec.commandLine(), "--jpeg-quality must be 0-9");
        }
        byte[] password = null;
        String where = target != null ? target.toString() : domain + " on " + connectUri;
        try {
            VncOptions options = new VncOptions().connectTimeout(timeout).readTimeout(timeout);
            if (encoding != null) {
                options.encodings(encoding == Encodings.RAW ? List.of(Encodings.RAW) : List.of(encoding, Encodings.RAW));
            }
            if (jpegQuality != null) {
                options.jpegQuality(jpegQuality);
            }
            if (passwordFile != null) {
                password = readPassword(passwordFile);
            }
            if (target == null) {
                plan = lookUp();
                VncConsoles.Endpoint console = plan.endpoint();
                if (!plan.viaSsh()) {
                    target = new VncTarget(VncTarget.Scheme.TCP, console.host(), console.port(), null);
                }
                if (password == null && console.password() != null) {
                    password = console.password().clone();
                }
            }
            if (password != null) {
                options.password(password);
            }
            if (username != null) {
                options.username(username);
            }
            if (tlsCa != null) {
                options.tlsCa(tlsCa).tlsClient(tlsCert, tlsKey);
            }
            VncScreenshot.Capture c;
            if (target != null) {
                c = VncScreenshot.capture(target, options, timeout);
            } else {
                tunnels = new SshTunnels(timeout, Duration.ZERO);
                VncConsoleOpener opener = new VncConsoleOpener(tunnels);
                VncConsoles.Plan p = plan;
                where = domain + " on " + connectUri + " (" + p + ")";
                c = VncScreenshot.capture(listener -> opener.open(p, options, listener), timeout);
            }
            VncScreenshot.writePng(c.framebuffer(), output);
            return 0;
        } catch (NoSuchFileException e) {
            err.println(me + ": " + where + ": no such file: " + e.getFile());
        } catch (VncConsoles.UnreachableException e) {
            err.println(me + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            err.println(me + ": " + where + ": " + message(e));
        } finally {
            if (tunnels != null) {
                tunnels.close();
            }
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
            err.flush();
        }
        return 1;
    }

    /** The VM's console from its live XML on the libvirt host, within --timeout. */
    private VncConsoles.Plan lookUp() throws IOException, VncConsoles.UnreachableException {
        CliLogging.quietForScripts();
        LibvirtHostFactory factory = new LibvirtHostFactory(LibvirtEventLoop.startOrExplain(), timeout);
        LibvirtHost host = factory.create("vnc-screenshot", connectUri);
        try {
            host.open().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            String xml = new VncConsoles(host).liveXml(domain).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return VncConsoles.plan(connectUri, xml, domain);
        } catch (ExecutionException e) {
            throw new IOException(factory.describe(connectUri, e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + connectUri + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            host.disconnect();
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused (is a VNC server listening there?)";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + m;
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The first line of the file, without its line ending. */
    static byte[] readPassword(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = 0;
        while (end < all.length && all[end] != '\n' && all[end] != '\r') {
            end++;
        }
        byte[] p = Arrays.copyOf(all, end);
        Arrays.fill(all, (byte) 0);
        return p;
    }

    static final class EncodingName implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Encodings.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
