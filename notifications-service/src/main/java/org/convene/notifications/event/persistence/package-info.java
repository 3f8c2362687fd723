@NullMarked
package org.convene.notifications.event.persistence;

import org.jspecify.annotations.NullMarked;
