@NullMarked
package org.convene.notifications.organisation.persistence;

import org.jspecify.annotations.NullMarked;
