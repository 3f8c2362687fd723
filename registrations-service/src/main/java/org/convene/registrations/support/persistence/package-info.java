@NullMarked
package org.convene.registrations.support.persistence;

import org.jspecify.annotations.NullMarked;
