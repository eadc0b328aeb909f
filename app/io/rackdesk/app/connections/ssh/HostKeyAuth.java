package io.rackdesk.app.connections.ssh;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.ConnectAuth;
import org.libvirt.jna.virConnectCredential;

/**
 * Answers libvirt's credential prompts for a qemu+libssh connection. For a host key missing from
 * known_hosts, libvirt 9 asks with VIR_CRED_ECHOPROMPT:
 * {@code Accept SSH host key with hash 'xx:xx:…' for host 'HOST:PORT' (y/n)?} (the hash is the SHA-256
 * of the public key). This auth answers "y" only for the one key the user accepted, so that libvirt
 * appends exactly that key to the known_hosts file; anything else is declined and remembered. Key
 * passphrases (VIR_CRED_NOECHOPROMPT "Passphrase") are refused: Rackdesk stores no secrets.
 * Runs on the connection's worker thread.
 */
public final class HostKeyAuth extends ConnectAuth {
    static final Pattern HOST_KEY_PROMPT = Pattern.compile(
            "Accept SSH host key with hash '([0-9A-Fa-f:]+)' for host '(.+):(\\d+)' \\(y/n\\)\\?");

    /** struct _virConnectCredential { int type; char *prompt, *challenge, *defresult, *result; unsigned int resultlen; } */
    private static final long PROMPT_OFFSET = Native.POINTER_SIZE;
    private static final long RESULT_OFFSET = 4L * Native.POINTER_SIZE;
    private static final long RESULT_LEN_OFFSET = 5L * Native.POINTER_SIZE;

    private final HostKey accepted;
    private volatile HostKey declined;

    /** {@code accepted} (may be null) is the only host key this auth says yes to. */
    public HostKeyAuth(HostKey accepted) {
        this.accepted = accepted;
        this.credType = new CredentialType[] {CredentialType.VIR_CRED_ECHOPROMPT, CredentialType.VIR_CRED_NOECHOPROMPT};
    }

    /**
     * libvirt calls this with its array of credentials and {@code free()}s every result it gets back.
     * libvirt-java's own version stores the answers as JNA-owned strings, which JNA frees again
     * later: a double free that aborts the process. So the answers are written here as plain
     * malloc'd C strings, owned by libvirt from then on.
     */
    @Override
    public int authCallback(virConnectCredential cred, int ncred, Pointer cbdata) {
        cred.setAutoWrite(false); // JNA would otherwise write its Java copy back over our answers
        Pointer array = cred.getPointer();
        int rc = 0;
        for (int i = 0; i < ncred; i++) {
            Pointer c = array.share((long) i * cred.size());
            Pointer prompt = c.getPointer(PROMPT_OFFSET);
            Answer a = answer(CredentialType.mapFromInt(c.getInt(0)), prompt == null ? "" : prompt.getString(0, "UTF-8"));
            if (a.result() != null) {
                byte[] bytes = a.result().getBytes(StandardCharsets.UTF_8);
                Pointer owned = new Pointer(Native.malloc(bytes.length + 1L));
                owned.write(0, bytes, 0, bytes.length);
                owned.setByte(bytes.length, (byte) 0);
                c.setPointer(RESULT_OFFSET, owned);
                c.setInt(RESULT_LEN_OFFSET, bytes.length);
            }
            if (a.failed()) {
                rc = -1;
            }
        }
        return rc;
    }

    /** Required by libvirt-java; libvirt itself calls {@link #authCallback}. */
    @Override
    public int callback(Credential[] credentials) {
        int rc = 0;
        for (Credential c : credentials) {
            Answer a = answer(c.type, c.prompt == null ? "" : c.prompt);
            c.result = a.result() != null ? a.result() : "";
            rc = a.failed() ? -1 : rc;
        }
        return rc;
    }

    /** The reply to one prompt (null: none) and whether the whole callback fails. */
    private record Answer(String result, boolean failed) {
    }

    private Answer answer(CredentialType type, String prompt) {
        Matcher m = HOST_KEY_PROMPT.matcher(prompt);
        if (type == CredentialType.VIR_CRED_ECHOPROMPT && m.find()) {
            HostKey offered = new HostKey(m.group(2), Integer.parseInt(m.group(3)), null, m.group(1));
            if (offered.sameKey(accepted)) {
                return new Answer("y", false);
            }
            declined = offered;
            return new Answer("n", false);
        }
        // a key passphrase or a prompt of a newer libvirt: fail, and ConnectionDiagnostics explains libvirt's error
        return new Answer(null, true);
    }

    /** The host key libvirt offered and this auth declined, if any. */
    public Optional<HostKey> declinedKey() {
        return Optional.ofNullable(declined);
    }
}
