@NullMarked
package org.convene.registrations.registration.persistence;

import org.jspecify.annotations.NullMarked;
