package io.rackdesk.app.console;

/**
 * One {@code <graphics>} element of a domain's live XML, as the console needs it. {@code port} is
 * what the running VM uses (-1 or null when none is allocated: the VM is not running);
 * {@code listenType} is {@code address}, {@code network}, {@code socket} or {@code none};
 * {@code password} is only present when the XML was read with the secure flag.
 */
public record ConsoleGraphics(String type, Integer port, boolean autoport, String listenType, String listen,
                              Integer websocket, String password) {

    /** The password is never part of a printed record. */
    @Override
    public String toString() {
        return "ConsoleGraphics[type=" + type + ", port=" + port + ", autoport=" + autoport + ", listenType=" + listenType
                + ", listen=" + listen + ", websocket=" + websocket + ", password=" + (password == null ? "none" : "set") + "]";
    }
}
