package org.convene.events.organisation.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.convene.events.event.domain.OrganisationId;

/**
 * Organisations a deployment starts with, such as the embedded default's demo organisation:
 * {@code id=Name <contact@address>}, separated by semicolons. Each is added once (an existing one
 * is left as its organisers keep it) and announced like any other.
 */
public final class SeedOrganisations {

    private static final Pattern ONE =
            Pattern.compile("\\s*([a-z0-9]+(?:-[a-z0-9]+)*)\\s*=\\s*([^<>;]+?)\\s*<([^<>\\s;]+@[^<>\\s;]+)>\\s*");

    private SeedOrganisations() {}

    public static List<Organisation> parse(String configured) {
        var organisations = new ArrayList<Organisation>();
        if (configured == null || configured.isBlank()) {
            return organisations;
        }
        for (var entry : configured.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            var matcher = ONE.matcher(entry);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(
                        "A seed organisation must read id=Name <contact@address>, not: " + entry.strip());
            }
            organisations.add(new Organisation(
                    new OrganisationId(matcher.group(1)),
                    new OrganisationDetails(matcher.group(2), matcher.group(3), null, null, false),
                    1));
        }
        return organisations;
    }
}
