package io.rackdesk.app.vnc;

import java.io.IOException;
import java.time.Duration;

/**
 * An input stream that can give up waiting, as a socket does with SO_TIMEOUT: when the stream given
 * to {@link RfbSession#open} implements it, the session's read timeout applies to it (an SSH tunnel's
 * channel, for example). A read that times out throws {@link java.net.SocketTimeoutException}.
 */
public interface ReadTimeout {
    /** {@link Duration#ZERO} waits for ever. */
    void setReadTimeout(Duration d) throws IOException;
}
