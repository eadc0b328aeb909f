package io.rackdesk.app.connections.ssh;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.ConnectAuth;

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

    private final HostKey accepted;
    private volatile HostKey declined;
    private volatile boolean passphraseAsked;
    private volatile String unexpectedPrompt;

    /** {@code accepted} (may be null) is the only host key this auth says yes to. */
    public HostKeyAuth(HostKey accepted) {
        this.accepted = accepted;
        this.credType = new CredentialType[] {CredentialType.VIR_CRED_ECHOPROMPT, CredentialType.VIR_CRED_NOECHOPROMPT};
    }

    @Override
    public int callback(Credential[] credentials) {
        int rc = 0;
        for (Credential c : credentials) {
            c.result = ""; // libvirt-java reads the length of every result, answered or not
            String prompt = c.prompt == null ? "" : c.prompt;
            Matcher m = HOST_KEY_PROMPT.matcher(prompt);
            if (c.type == CredentialType.VIR_CRED_ECHOPROMPT && m.find()) {
                HostKey offered = new HostKey(m.group(2), Integer.parseInt(m.group(3)), null, m.group(1));
                if (offered.sameKey(accepted)) {
                    c.result = "y";
                } else {
                    declined = offered;
                    c.result = "n";
                }
            } else if (c.type == CredentialType.VIR_CRED_NOECHOPROMPT) {
                passphraseAsked = true;
                rc = -1;
            } else {
                unexpectedPrompt = prompt;
                rc = -1;
            }
        }
        return rc;
    }

    /** The host key libvirt offered and this auth declined, if any. */
    public Optional<HostKey> declinedKey() {
        return Optional.ofNullable(declined);
    }

    /** True when libvirt asked for the private key's passphrase. */
    public boolean passphraseAsked() {
        return passphraseAsked;
    }

    /** A prompt this auth did not understand (a newer libvirt?), or null. */
    public String unexpectedPrompt() {
        return unexpectedPrompt;
    }
}
