package navigator

import "testing"

func TestSplitPayment(t *testing.T) {
	fin := &Certificate{Type: CertificateFinancing, Status: CertificateActive, Balance: Rubles(25000)}
	poor := &Certificate{Type: CertificateFinancing, Status: CertificateActive, Balance: Rubles(1000)}
	acc := &Certificate{Type: CertificateAccounting, Status: CertificateActive}
	for _, c := range []struct {
		name             string
		reg              Registry
		price, normative Money
		cert             *Certificate
		certPays, family Money
	}{
		{"normative below price", RegistryCertified, Rubles(3000), Rubles(2500), fin, Rubles(2500), Rubles(500)},
		{"normative above price", RegistryCertified, Rubles(3000), Rubles(3500), fin, Rubles(3000), 0},
		{"balance short", RegistryCertified, Rubles(3000), Rubles(3000), poor, Rubles(1000), Rubles(2000)},
		{"accounting on certified", RegistryCertified, Rubles(3000), Rubles(3000), acc, 0, Rubles(3000)},
		{"no certificate", RegistryCertified, Rubles(3000), Rubles(3000), nil, 0, Rubles(3000)},
		{"budget", RegistryBudget, 0, 0, acc, 0, 0},
		{"paid", RegistryPaid, Rubles(4000), 0, fin, 0, Rubles(4000)},
	} {
		p := SplitPayment(c.reg, c.price, c.normative, c.cert)
		if p.Certificate != c.certPays || p.Family != c.family || p.Note == "" {
			t.Errorf("%s: %+v", c.name, p)
		}
	}
}
