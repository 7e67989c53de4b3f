package report

// BulletTitle is the heading of one section of evidence bullets ("Where we are stronger"), for
// views that group EvidenceBullets themselves.
func BulletTitle(section string) string {
	for _, t := range bulletTitles {
		if t.section == section {
			return t.title
		}
	}
	return section
}
