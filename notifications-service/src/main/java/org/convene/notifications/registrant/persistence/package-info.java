@NullMarked
package org.convene.notifications.registrant.persistence;

import org.jspecify.annotations.NullMarked;
