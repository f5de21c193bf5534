package net.sigsrv.infra.spec.validate;

import java.net.URI;
import java.net.URISyntaxException;
import net.sigsrv.infra.spec.model.Host;
import net.sigsrv.infra.spec.model.Spec;

/** {@code host-endpoint}: how the tool reaches each member is unambiguous and secure. */
final class HostRules implements SpecValidator.Rules {

    @Override
    public void check(Spec spec, Report report) {
        for (Host h : spec.hosts()) {
            String subject = "host " + h.name();
            if (h.address().isPresent() && h.socket().isPresent()) {
                report.error("host-endpoint", subject, h.loc().of("socket"), "host " + h.name()
                        + " sets both address and socket; set one", "`address` reaches the member over HTTPS,"
                        + " `socket` through the local unix socket.");
            }
            h.address().ifPresent(a -> {
                if (!isHttpsUrl(a)) {
                    report.error("host-endpoint", subject, h.loc().of("address"), "host " + h.name()
                            + ": address '" + a + "' is not an https:// URL", "Incus listens on"
                            + " https://HOST:8443; plain HTTP is not supported.");
                }
            });
        }
    }

    static boolean isHttpsUrl(String text) {
        try {
            URI uri = new URI(text);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
