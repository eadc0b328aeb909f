package io.rackdesk.app.model;

/**
 * A {@code <serial>} or {@code <console>} device ({@code element}); {@code type} is pty, file, tcp, ...;
 * {@code ptyPath} is the host pty of a running VM's pty device (e.g. /dev/pts/3), else null.
 */
public record VmConsole(String element, String type, Integer targetPort, String ptyPath) {
}
