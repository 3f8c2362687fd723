@NullMarked
package org.convene.events.organisation.persistence;

import org.jspecify.annotations.NullMarked;
