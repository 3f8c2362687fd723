package org.convene.events.organisation.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.convene.events.event.domain.EventRuleViolation;

/**
 * The rules of an organisation's list of offerings, replaced as a whole by its organisers: at most
 * {@link #MAX} of them, names different from each other (ignoring case). An offering keeps its id when
 * the new list names it by that id or, without an id, by its current name; an id the organisation does
 * not have is refused, and any other offering gets a new id.
 */
public final class Offerings {

    public static final int MAX = 20;

    private Offerings() {}

    /** The new list with its ids settled; {@link EventRuleViolation} naming each wrong field. */
    public static List<Offering> replace(List<Offering> current, List<Offering> wanted) {
        var errors = new LinkedHashMap<String, String>();
        if (wanted.size() > MAX) {
            errors.put("offerings", "give at most " + MAX + " offerings");
            throw new EventRuleViolation(errors);
        }
        var currentIds = new HashSet<String>();
        var idsByName = new HashMap<String, String>();
        for (var offering : current) {
            currentIds.add(offering.id());
            idsByName.put(key(offering.name()), offering.id());
        }
        var names = new HashSet<String>();
        var ids = new HashSet<String>();
        for (var i = 0; i < wanted.size(); i++) {
            var offering = wanted.get(i);
            if (!names.add(key(offering.name()))) {
                errors.put("offerings[" + i + "].name", "another offering has this name");
            }
            if (offering.id() != null) {
                if (!currentIds.contains(offering.id())) {
                    errors.put(
                            "offerings[" + i + "].id",
                            "is not one of this organisation's offerings; leave it out for a new one");
                } else if (!ids.add(offering.id())) {
                    errors.put("offerings[" + i + "].id", "another offering has this id");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
        var settled = new ArrayList<Offering>();
        for (var offering : wanted) {
            var id = offering.id();
            if (id == null) {
                var byName = idsByName.get(key(offering.name()));
                id = byName != null && !ids.contains(byName) ? byName : null;
            }
            if (id == null) {
                do {
                    id = Offering.newId();
                } while (currentIds.contains(id) || ids.contains(id));
            }
            ids.add(id);
            settled.add(new Offering(id, offering.name(), offering.description(), offering.kind()));
        }
        return List.copyOf(settled);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
