@NullMarked
package org.convene.events.event.persistence;

import org.jspecify.annotations.NullMarked;
