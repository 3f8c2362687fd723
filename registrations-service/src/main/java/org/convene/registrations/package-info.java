@NullMarked
package org.convene.registrations;

import org.jspecify.annotations.NullMarked;
